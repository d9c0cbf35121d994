import { PGlite } from "@electric-sql/pglite";
import { citext } from "@electric-sql/pglite/contrib/citext";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

// The PostgreSQL extensions the migrations create (citext: names compared and sorted
// without case; pg_trgm: substring search served by an index). A PGlite instance can only
// run `CREATE EXTENSION` for an extension it was constructed with, so every embedded
// database — the server's, the tests', the migration generator's shadow — opens through here.
// `dataDir` undefined: in memory.
export function openPGlite(dataDir?: string): PGlite {
  return new PGlite({ dataDir, extensions: { citext, pg_trgm } });
}
