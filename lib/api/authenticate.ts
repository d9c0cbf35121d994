import type { NextRequest } from "next/server";
import { parseBearer } from "@/lib/api-keys/bearer";
import { KEY_PREFIX } from "@/lib/api-keys/format";
import { verifyApiKey } from "@/lib/api-keys/verify";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { allows, AREAS, LEVEL_LABELS, levelForMethod, type Area } from "@/lib/permissions";

// Names that usually carry a key, in any case, and any value (or name) that looks like
// one of our keys, even cut short or mistyped: a key in a URL ends up in logs and history.
const KEY_QUERY_PARAMS = new Set(["key", "api_key", "apikey", "api-key", "token", "access_token", "bearer"]);
const LOOKS_LIKE_KEY = new RegExp(`${KEY_PREFIX}[0-9a-z]{8,}`, "i");

function carriesKey(query: URLSearchParams): boolean {
  for (const [name, value] of query) {
    if (KEY_QUERY_PARAMS.has(name.toLowerCase()) || LOOKS_LIKE_KEY.test(value) || LOOKS_LIKE_KEY.test(name))
      return true;
  }
  return false;
}

// Missing, malformed, unknown and deleted keys are indistinguishable to the caller.
const UNAUTHORIZED = "Send a valid API key as Authorization: Bearer <key>.";

export async function authenticate(request: NextRequest): Promise<Actor> {
  if (carriesKey(request.nextUrl.searchParams)) {
    throw new AppError("bad_request", "API keys are not accepted in the URL; send them in the Authorization header.");
  }
  const secret = parseBearer(request.headers.get("authorization"));
  const key = secret ? await verifyApiKey(secret) : null;
  if (!key) throw new AppError("unauthorized", UNAUTHORIZED);
  return key;
}

// GET needs Read Access to the area; every other method needs Full Access.
export function authorize(key: Actor, area: Area, method: string): void {
  const needed = levelForMethod(method);
  if (allows(key.permissions, area, needed)) return;
  throw new AppError(
    "forbidden",
    `This key's role (${key.role.name}) has ${LEVEL_LABELS[key.permissions[area]]} to ${AREAS[area].label}; this call needs ${LEVEL_LABELS[needed]}.`,
    { area, required: needed, granted: key.permissions[area] },
  );
}
