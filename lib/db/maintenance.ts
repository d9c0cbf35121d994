import type { Connection } from "./connection";

// The embedded database (PGlite) runs PostgreSQL without its background workers, so no
// autovacuum: nothing gathers the planner's statistics or marks pages all-visible. Without
// statistics the planner can't tell a 100,000-key account from an empty one and reads every
// row of a list it could have read 20 index entries of; without the visibility map, index-only
// scans (a deep page's OFFSET) visit the table too. So, as autovacuum would: once before the
// server takes requests, then every few minutes. Both are cheap (about 0.15 s for a million
// keys, here) and hold the single connection only that long. A PostgreSQL server's own
// autovacuum does this there.
const EVERY_MS = 10 * 60_000;

let timer: NodeJS.Timeout | undefined;
let running: Promise<void> | undefined;

export async function startEmbeddedMaintenance(connection: Connection): Promise<void> {
  if (connection.kind !== "pglite" || timer) return;
  await vacuum(connection);
  timer = setInterval(() => void vacuum(connection), EVERY_MS);
  timer.unref();
}

export async function stopEmbeddedMaintenance(): Promise<void> {
  clearInterval(timer);
  timer = undefined;
  await running;
}

function vacuum(connection: Extract<Connection, { kind: "pglite" }>): Promise<void> {
  running ??= connection.pglite
    .exec("VACUUM ANALYZE")
    .then(() => undefined)
    .catch((error: unknown) => console.error("VACUUM ANALYZE:", error instanceof Error ? error.message : error))
    .finally(() => (running = undefined));
  return running;
}
