// Full garbage collections once a busy server falls idle. V8 sizes its heap to the
// allocation rate it saw: after a burst of load it keeps the garbage of the burst (hundreds
// of MB) until allocation starts again, however long the server then sits idle. Two full
// collections after IDLE_MS without a request, once per busy spell, give that memory back
// (measured in bench/memory.mts: 924 → 546 MB, embedded, after 15 s of 50 connections). It
// pauses the server for as long as each collection takes (about 150 ms each after such a
// load), at a moment when it has nothing to do. The first idle moment after start counts as
// the end of a busy spell too: starting (migrations on a fresh database, the first pages)
// can leave 300 MB of garbage (795 → 470 MB RSS in one measured start).
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const IDLE_MS = 2000;
const CHECK_MS = 1000;
// Fewer requests than this since the last collection: not worth one.
const BUSY_REQUESTS = 200;

/**
 * @param {{ requests: () => number, lastRequestAt: () => number, inFlight: () => number }} server
 */
export function collectWhenIdle(server) {
  setFlagsFromString("--expose-gc");
  const gc = /** @type {() => void} */ (runInNewContext("gc"));
  let requestsAtLastCollection = server.requests();
  let collected = false;
  const timer = setInterval(() => {
    const requests = server.requests();
    if (requests - requestsAtLastCollection < (collected ? BUSY_REQUESTS : 1)) return;
    if (server.inFlight() > 0 || Date.now() - server.lastRequestAt() < IDLE_MS) return;
    requestsAtLastCollection = requests;
    collected = true;
    // Twice: the first collection frees the garbage, the second compacts what is left so
    // that V8 can give the emptied pages back (after one, most of a grown heap stayed
    // committed: 611 → 348 MB, then 214). A request arriving between them is served first.
    gc();
    setImmediate(gc);
  }, CHECK_MS);
  timer.unref();
}
