import { randomUUID } from "node:crypto";
import { processSingleton } from "@/lib/process-singleton";

// One key check per request: the front door (scripts/serve.mjs → front-door.ts) parses and
// hashes the key of each /api/v1 request it lets through, and the route's authenticate()
// takes that hash instead of hashing again. The hash stays in this process's memory under a
// random id; the request carries only the id, in a header that serve.mjs deletes from every
// client request before the door sets it. The hash is taken once, and only for the very
// Authorization value it was made from. It is the secret's hash, not a verdict: the route
// still reads the cache (a key revoked meanwhile is refused), the expiry and the allowlist.
export const KEY_HANDOVER_HEADER = "x-wisp-key-check";

// A hash the route never takes (its request was dropped before the handler) is forgotten
// after a while; a request reaches its handler within milliseconds.
const KEEP_MS = 60_000;
const MAX_WAITING = 10_000;

type Handover = { authorization: string; hash: string | null; at: number };
const waiting = processSingleton("keyHandovers", () => new Map<string, Handover>());

// Called by the front door: leaves `hash` (null: no well-formed secret) for the route.
export function handOver(
  headers: Record<string, string | string[] | undefined>,
  authorization: string,
  hash: string | null,
): void {
  const at = performance.now();
  for (const [id, oldest] of waiting) {
    if (waiting.size < MAX_WAITING && at - oldest.at < KEEP_MS) break;
    waiting.delete(id);
  }
  const id = randomUUID();
  waiting.set(id, { authorization, hash, at });
  headers[KEY_HANDOVER_HEADER] = id;
}

// The hash the door left for this request (null: no well-formed secret), or undefined when
// there is none for this Authorization value: the route checks the key itself then.
export function takeOver(headers: Headers): string | null | undefined {
  const id = headers.get(KEY_HANDOVER_HEADER);
  if (!id) return undefined;
  const handover = waiting.get(id);
  if (!handover) return undefined;
  waiting.delete(id);
  return handover.authorization === headers.get("authorization") ? handover.hash : undefined;
}
