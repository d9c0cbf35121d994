import { PGlite } from "@electric-sql/pglite";
import { citext } from "@electric-sql/pglite/contrib/citext";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

// The PostgreSQL extensions the migrations create (citext: names compared and sorted
// without case; pg_trgm: substring search served by an index). A PGlite instance can only
// run `CREATE EXTENSION` for an extension it was constructed with, so every embedded
// database — the server's, the tests', the migration generator's shadow — opens through here.
// `dataDir` undefined: in memory.
// shared_buffers: PostgreSQL's default of 128 MB lives in PGlite's WebAssembly memory, which
// never shrinks; 32 MB holds the hot pages of 100,000 keys (the rest is in the OS's page
// cache) and keeps ~100 MB off the resident set (bench/memory.mts).
export function openPGlite(dataDir?: string): PGlite {
  return new PGlite({
    dataDir,
    extensions: { citext, pg_trgm },
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${SHARED_BUFFERS}`],
  });
}

const SHARED_BUFFERS = "32MB";
