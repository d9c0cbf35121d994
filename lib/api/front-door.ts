import { presentedHash, refusedFromMemory } from "@/lib/api-keys/verify";
import { requestMetaFrom, runWithRequest } from "@/lib/http/request-context";
import { processSingleton } from "@/lib/process-singleton";
import { needsKey } from "./operation";
import { authenticate } from "./authenticate";
import { handOver } from "./key-handover";
import { errorResponse } from "./responses";

// Made-up keys answered before Next: scripts/serve.mjs hands every /api/v1 request with an
// Authorization header here first. When the key would be refused from memory anyway
// (malformed, or its hash neither cached nor in the filter of stored secrets) and the path
// is one whose handler checks a key first, the answer is the handler's own: the same
// authenticate() (the brake on failed checks counts it; a blocked address gets its 429)
// and the same errorResponse with the request's id. serve.mjs adds the headers Next puts
// on every answer, so nothing tells the two apart (tests/security/identical-401.test.ts).
// Anything else (null) goes to Next as before: a spray of made-up keys costs a fraction of
// a routed request and leaves the app's work to real clients. The key is hashed once per
// request: the door hands its hash to the route's authenticate() (key-handover.ts).
export type DoorRequest = { method?: string; url?: string; headers: Record<string, string | string[] | undefined> };

// Canonical paths only: anything Next might redirect, decode or normalise is Next's.
const CANONICAL = /^\/api\/v1(?:\/[A-Za-z0-9._~-]+)+$/;
const door = processSingleton("door", () => ({ refusals: 0 }));

// null at once (no promise) for a request Next should serve: a known key, the common case,
// goes on after one hash and a cache lookup, its hash handed to the route (key-handover.ts).
export function refuseAtTheDoor(request: DoorRequest): Promise<Response | null> | null {
  const authorization = request.headers.authorization;
  const method = request.method ?? "GET";
  const [pathname, search = ""] = (request.url ?? "").split("?", 2);
  if (typeof authorization !== "string" || !CANONICAL.test(pathname) || !needsKey(method, pathname)) return null;
  const hash = presentedHash(authorization);
  if (refusedFromMemory(hash)) return refuse(request, search, authorization, hash);
  handOver(request.headers, authorization, hash);
  return null;
}

async function refuse(
  request: DoorRequest,
  search: string,
  authorization: string,
  hash: string | null,
): Promise<Response | null> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const meta = requestMetaFrom(headers);
  const response = await runWithRequest(meta, async () => {
    try {
      const query = { searchParams: new URLSearchParams(search) };
      await authenticate({ headers, nextUrl: query }, hash);
      return null; // verified after all (added meanwhile): Next serves it
    } catch (error) {
      return errorResponse(error);
    }
  });
  if (!response) {
    handOver(request.headers, authorization, hash);
    return null;
  }
  response.headers.set("X-Request-Id", meta.requestId);
  door.refusals += 1;
  return response;
}

// Requests answered here since the process started (the test endpoint).
export function doorRefusals(): number {
  return door.refusals;
}
