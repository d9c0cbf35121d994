import type { NextRequest } from "next/server";
import { parseBearer } from "@/lib/api-keys/bearer";
import { verifyApiKey } from "@/lib/api-keys/verify";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { clientAddress } from "@/lib/http/client-address";
import { currentRequest } from "@/lib/http/request-context";
import { allows, AREAS, LEVEL_LABELS, levelForMethod, type Area } from "@/lib/permissions";

const KEY_QUERY_PARAMS = ["key", "api_key", "apikey", "token", "access_token"];

// Missing, malformed, unknown, deleted, disabled and expired keys are indistinguishable
// to the caller.
const UNAUTHORIZED = "Send a valid API key as Authorization: Bearer <key>.";

export async function authenticate(request: NextRequest): Promise<Actor> {
  const query = request.nextUrl.searchParams;
  if (KEY_QUERY_PARAMS.some((name) => query.has(name))) {
    throw new AppError("bad_request", "API keys are not accepted in the URL; send them in the Authorization header.");
  }
  const secret = parseBearer(request.headers.get("authorization"));
  const address = currentRequest()?.clientAddress ?? clientAddress(request.headers);
  const key = secret ? await verifyApiKey(secret, address) : null;
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
