import { PGlite } from "@electric-sql/pglite";
import { citext } from "@electric-sql/pglite/contrib/citext";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

// The PostgreSQL extensions the migrations create (citext: names compared and sorted
// without case; pg_trgm: substring search served by an index). A PGlite instance can only
// run `CREATE EXTENSION` for an extension it was constructed with, so every embedded
// database — the server's, the tests', the migration generator's shadow — opens through here.
// `dataDir` undefined: in memory.
// shared_buffers: PostgreSQL's default of 128 MB lives in PGlite's WebAssembly memory, which
// never shrinks, and each buffer once used stays resident. 8 MB serves the key lists at
// 100,000 keys as fast as 16 and 32 MB did (the rest is in the OS's page cache) and keeps the
// idle server ~5 MB smaller than 16 MB, ~25 MB smaller than 32 MB (bench/results).
export function openPGlite(dataDir?: string): PGlite {
  return new TakingTurnsPGlite({
    dataDir,
    extensions: { citext, pg_trgm },
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${SHARED_BUFFERS}`],
  });
}

const SHARED_BUFFERS = "8MB";

// PGlite runs each query synchronously in this thread and hands the result on through
// promises, so a chain of queued queries (one request's, then the next request's, …) runs
// as one unbroken run of microtasks: the event loop doesn't get to accept a connection or
// read a socket until the chain ends. Under load that starved new connections (a first
// answer after 6 s and more, while busy keep-alive connections got theirs in 0.5 s; issue 28).
// Each query first waits for the event loop's next turn (setImmediate: after its I/O), so
// between two queries the server accepts and reads what has come in.
class TakingTurnsPGlite extends PGlite {
  override async execProtocolStream(...args: Parameters<PGlite["execProtocolStream"]>) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return super.execProtocolStream(...args);
  }
}
