// Full garbage collections once a busy server falls idle. V8 sizes its heap to the
// allocation rate it saw: after a burst of load it keeps the garbage of the burst (hundreds
// of MB) until allocation starts again, however long the server then sits idle. A full
// collection after IDLE_MS without a request, once per busy spell (BUSY_REQUESTS requests,
// or GROWN_MB more resident memory, since the last), gives that memory back,
// and glibc's free native memory with it (native-heap.mjs). It pauses the server for as long
// as the collection takes (100–300 ms after a load), at a moment when it has nothing to do.
// The first idle moment once the server is ready counts as the end of a busy spell too:
// starting (migrations on a fresh database) can leave 300 MB of garbage.
// Measured in bench/memory.mts; figures in bench/results/README.md.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { nativeHeapTrimmer } from "./native-heap.mjs";

const IDLE_MS = 2000;
const CHECK_MS = 1000;
// Fewer requests than this since the last collection: not worth one.
const BUSY_REQUESTS = 200;
// …unless the resident set has grown this much since the last collection left it: a few
// dozen requests that load new pages or write can add hundreds of MB.
const GROWN_MB = 64;
const MB = 1024 * 1024;

/** @typedef {{ at: number, ms: number, rssBefore: number, rssAfter: number, heapBefore: number, heapAfter: number, trimmed: boolean }} Collection */

/**
 * @param {{ requests: () => number, lastRequestAt: () => number, inFlight: () => number }} server
 * @returns {() => { collections: number, last: Collection | null }} what it has done, for GET /api/test/memory
 */
export function collectWhenIdle(server) {
  setFlagsFromString("--expose-gc");
  const gc = /** @type {(options?: object) => void} */ (runInNewContext("gc"));
  const collect = fullCollection(gc);
  const trim = nativeHeapTrimmer();
  let requestsAtLastCollection = server.requests();
  let rssAtLastCollection = process.memoryUsage.rss();
  let collections = 0;
  /** @type {Collection | null} */
  let last = null;
  const timer = setInterval(() => {
    const requests = server.requests();
    if (collections > 0 && requests === requestsAtLastCollection) return;
    if (server.inFlight() > 0 || Date.now() - server.lastRequestAt() < IDLE_MS) return;
    const busy =
      collections === 0 ||
      requests - requestsAtLastCollection >= BUSY_REQUESTS ||
      process.memoryUsage.rss() - rssAtLastCollection >= GROWN_MB * MB;
    if (!busy) return;
    requestsAtLastCollection = requests;
    collections++;
    const started = performance.now();
    const before = process.memoryUsage();
    collect(() => {
      trim?.();
      const after = process.memoryUsage();
      rssAtLastCollection = after.rss;
      last = {
        at: Date.now(),
        ms: Math.round(performance.now() - started),
        rssBefore: Math.round(before.rss / MB),
        rssAfter: Math.round(after.rss / MB),
        heapBefore: Math.round(before.heapTotal / MB),
        heapAfter: Math.round(after.heapTotal / MB),
        trimmed: trim !== undefined,
      };
    });
  }, CHECK_MS);
  timer.unref();
  return () => ({ collections, last });
}

// V8 13 and later (Node.js 26) take a "last resort" collection: it repeats until nothing more
// is freed, compacts every fragmented page and shrinks the young generation (after a load:
// V8's heap 209 → 142 MB committed, where two plain collections left it at 209). V8 11
// (Node.js 20) ignores that option, and there two plain collections do most of it: the first
// frees the garbage, the second compacts what is left (611 → 348 MB, then 214). A request
// arriving between them is served first.
/** @param {(options?: object) => void} gc */
function fullCollection(gc) {
  const v8Major = Number(process.versions.v8.split(".")[0]);
  if (v8Major >= 13)
    return (/** @type {() => void} */ done) => {
      gc({ type: "major", execution: "sync", flavor: "last-resort" });
      done();
    };
  return (/** @type {() => void} */ done) => {
    gc();
    setImmediate(() => {
      gc();
      done();
    });
  };
}
