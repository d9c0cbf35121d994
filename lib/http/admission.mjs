// How many requests the app works on at once, and in which order the others wait.
// Under more load than the machine can serve, every request let into Next at once shares
// the event loop and the CPU with all the others: a key write waited behind 50 reads' worth
// of work at each of its database round trips (create p99 3.9 s beside 50 connections of
// whoami on two instances). So at most `limit` requests run at once
// (MAX_CONCURRENT_REQUESTS); the others wait here, cheaply (headers parsed, body unread),
// writes (anything but GET, HEAD, OPTIONS) before reads, each kind first come first served.
// A write in flight takes a read's place: under overload, writes get the machine's time and
// reads wait (bench/overload.mts: create p99 3.9 → 2.2 s, delete 2.3 → 1.1 s; whoami
// beside the writes about 40% slower; without writes, no difference). Letting writes skip
// the queue instead, without taking a place, changed nothing for them.
// A request leaves its slot when its answer is sent or its client goes, when the app says
// it is only waiting (a braked key's held refusal: `release(ticket)`), or after HOLD_MS (a
// long download), so nothing that waits keeps others out. Plain JavaScript:
// scripts/serve.mjs runs it without a build; the app reaches `release` through the
// lifecycle object (lib/http/admission-ticket.ts).

const HOLD_MS = 5000;
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// The ticket of an admitted request, in a header only serve.mjs sets (it removes a client's).
export const ADMISSION_HEADER = "x-wisp-admission";

/**
 * @param {number} limit at most this many at once; 0: no limit
 * @param {{ holdMs?: number }} [options]
 */
export function createAdmission(limit, { holdMs = HOLD_MS } = {}) {
  let active = 0;
  let nextTicket = 1;
  /** @type {Map<string, () => void>} */
  const releases = new Map();
  /** @type {Array<{ req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, run: () => void }>} */
  const writes = [];
  /** @type {typeof writes} */
  const reads = [];

  /**
   * Runs `run` now or once a slot is free.
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {() => void} run
   */
  function admit(req, res, run) {
    if (limit <= 0) return run();
    const entry = { req, res, run };
    if (active < limit) return start(entry);
    (READ_METHODS.has(req.method ?? "GET") ? reads : writes).push(entry);
  }

  /** @param {{ req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, run: () => void }} entry */
  function start({ req, res, run }) {
    active += 1;
    const ticket = String(nextTicket++);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      releases.delete(ticket);
      active -= 1;
      startWaiting();
    };
    const timer = setTimeout(release, holdMs);
    timer.unref();
    releases.set(ticket, release);
    req.headers[ADMISSION_HEADER] = ticket;
    res.once("close", release);
    run();
  }

  function startWaiting() {
    while (active < limit) {
      const entry = writes.shift() ?? reads.shift();
      if (!entry) return;
      // A client that went away while it waited is not worth a slot.
      if (entry.res.destroyed || entry.req.socket.destroyed) continue;
      start(entry);
    }
  }

  return {
    admit,
    /** @param {string | null | undefined} ticket */
    release: (ticket) => {
      if (ticket) releases.get(ticket)?.();
    },
    stats: () => ({ active, waiting: writes.length + reads.length, limit }),
  };
}
