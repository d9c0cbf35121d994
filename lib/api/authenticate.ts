import { KEY_PREFIX } from "@/lib/api-keys/format";
import { presentedHash, verifyHash } from "@/lib/api-keys/verify";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { brakeAddress, clientAddress } from "@/lib/http/client-address";
import { currentRequest } from "@/lib/http/request-context";
import { describeWait } from "@/lib/rate-limit/failures";
import { holdRefusal } from "@/lib/rate-limit/hold";
import { leaveAdmission } from "@/lib/http/admission-ticket";
import { limits } from "@/lib/rate-limit/limits";
import { allows, AREAS, LEVEL_LABELS, levelForMethod, type Area } from "@/lib/permissions";
import { takeOver } from "./key-handover";

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

// Missing, malformed, unknown, deleted, disabled and expired keys are indistinguishable
// to the caller.
const UNAUTHORIZED = "Send a valid API key as Authorization: Bearer <key>.";

// Failed checks are braked per client address (lib/rate-limit/limits.ts): after too many,
// that address gets 429 with Retry-After for every key that fails, until the window ends.
// A valid key is never refused by the brake: many clients share one outgoing address
// (office NAT, CI runners, serverless), and a stale key retrying there must not lock out
// the others; telling a guesser that a guess was right tells nothing a 200 wouldn't, and
// keys are too long to guess. Only failures count, and the brake's check reads this
// instance's memory only. With several instances, the failures are counted
// together in the shared store; an instance learns that an address is blocked at its
// first failure from there. Each 429 is held back a while (lib/rate-limit/hold.ts), so a
// guesser on a few connections gets a few answers a second.
// What the check reads of a request: its headers and query (a NextRequest, or the front
// door's view of the raw request, lib/api/front-door.ts).
export type KeyRequest = { headers: Headers; nextUrl: { searchParams: URLSearchParams } };

// The secret is parsed and hashed once per request: by the front door, which passes its
// hash (`presented`, or through lib/api/key-handover.ts), or here when it didn't.
export async function authenticate(request: KeyRequest, presented?: string | null): Promise<Actor> {
  const handedOver = presented !== undefined ? presented : takeOver(request.headers);
  if (carriesKey(request.nextUrl.searchParams)) {
    throw new AppError("bad_request", "API keys are not accepted in the URL; send them in the Authorization header.");
  }
  const authorization = request.headers.get("authorization");
  const clientAt = currentRequest()?.clientAddress ?? clientAddress(request.headers);
  const address = clientAt ? brakeAddress(clientAt) : "unknown";
  const limiter = limits().apiKeys;
  const hash = handedOver !== undefined ? handedOver : presentedHash(authorization);
  // A valid key from outside its IP allowlist throws 403 ip_not_allowed here (not a failure).
  const key = hash ? await verifyHash(hash, clientAt) : null;
  if (key) return key;
  const blockedMs = await limiter.blockedFor(address, { memoryOnly: true });
  if (blockedMs > 0) throw await tooManyFailures(request.headers, blockedMs);
  // A request without any key tells nothing and costs nothing: not counted.
  if (authorization) {
    const { over, waitMs } = await limiter.fail(address);
    if (over) throw await tooManyFailures(request.headers, waitMs);
  }
  throw new AppError("unauthorized", UNAUTHORIZED);
}

// The 429 leaves after a hold (lib/rate-limit/hold.ts), out of the admission queue's count.
async function tooManyFailures(headers: Headers, waitMs: number): Promise<AppError> {
  leaveAdmission(headers);
  const leftMs = Math.max(waitMs - (await holdRefusal(waitMs)), 1000);
  const retryAfter = Math.ceil(leftMs / 1000);
  return new AppError(
    "too_many_requests",
    `Too many failed key checks from your address. Try again in ${describeWait(leftMs)}.`,
    { retryAfter },
  );
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
