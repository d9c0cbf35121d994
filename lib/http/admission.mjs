// How many reads the app works on at once. Under more load than the machine can serve,
// every request let into Next at once holds its half-built answer in memory and shares the
// event loop with all the others: a key write then waited behind 50 reads' worth of work at
// each of its database round trips (create p99 3.9 s beside 50 connections of whoami). So
// at most `limit` reads (GET, HEAD, OPTIONS) run at once (MAX_CONCURRENT_READS); the others
// wait here, cheaply (headers parsed), first come first served. Writes never wait: they are
// few, and each one's round trips now share the loop with at most `limit` reads. (Writes
// in the same queue, even ahead of reads, filled it while they waited on the database, and
// reads beside them slowed by 40%.) A read leaves its slot when its answer is sent or its
// client goes, when the app says it is only waiting (a braked key's held refusal:
// `release(ticket)`), or after HOLD_MS (a long download), so nothing that waits keeps
// others out. Plain JavaScript: scripts/serve.mjs runs it without a build; the app reaches
// `release` through the lifecycle object (lib/http/admission-ticket.ts).

const HOLD_MS = 5000;
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// The ticket of an admitted read, in a header only serve.mjs sets (it removes a client's).
export const ADMISSION_HEADER = "x-wisp-admission";

/** @typedef {{ req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, run: () => void }} Entry */

/**
 * @param {number} limit at most this many reads at once; 0: no limit
 * @param {{ holdMs?: number }} [options]
 */
export function createAdmission(limit, { holdMs = HOLD_MS } = {}) {
  let active = 0;
  let nextTicket = 1;
  /** @type {Map<string, () => void>} */
  const releases = new Map();
  /** @type {Entry[]} */
  const waiting = [];

  /**
   * Runs `run` now, or once a slot is free for a read.
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {() => void} run
   */
  function admit(req, res, run) {
    if (limit <= 0 || !READ_METHODS.has(req.method ?? "GET")) return run();
    const entry = { req, res, run };
    if (active < limit) return start(entry);
    waiting.push(entry);
  }

  /** @param {Entry} entry */
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
      const entry = waiting.shift();
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
    stats: () => ({ active, waiting: waiting.length, limit }),
  };
}
