import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { Client, Pool, type ClientConfig } from "pg";
import { config, usesPostgresServer } from "@/lib/config";
import { processSingleton } from "@/lib/process-singleton";
import { lockDataDir } from "./data-dir-lock";
import { openPGlite } from "./pglite";

// The raw connection behind Prisma: one PGlite instance or one pg pool per process.
// One per process (processSingleton), whichever copy of this module asks: two PGlite
// instances on one directory corrupt it.
// `url` is the server's address, for connections outside the pool (migrations, cache coordination).
export type Connection = { kind: "pglite"; pglite: PGlite } | { kind: "pg"; pool: Pool; url: string };

const slot = processSingleton("connection", (): { connection?: Connection } => ({}));

export function getConnection(): Connection {
  slot.connection ??= open();
  return slot.connection;
}

// pg uses one `connectionTimeoutMillis` both for opening a connection and for waiting
// for a free one in the pool. Opening must fail fast (an unreachable server is a 503
// within seconds); waiting for a busy pool may take longer (a burst of batch writes).
class FastConnectClient extends Client {
  constructor(options?: ClientConfig) {
    super({ ...options, connectionTimeoutMillis: config.dbConnectTimeoutMs });
  }
}

function open(): Connection {
  if (usesPostgresServer()) {
    const pool = new Pool({
      Client: FastConnectClient,
      connectionString: config.databaseUrl,
      max: config.dbPoolSize,
      statement_timeout: config.dbStatementTimeoutMs,
      // Client side: a server that stopped answering (a silent partition) fails the query.
      query_timeout: config.dbQueryTimeoutMs,
      connectionTimeoutMillis: config.dbTransactionWaitMs,
      keepAlive: true,
    });
    // An idle client's error (server restart) must not crash the process.
    pool.on("error", () => {});
    return { kind: "pg", pool, url: config.databaseUrl };
  }
  lockDataDir(config.dataDir);
  return { kind: "pglite", pglite: openPGlite(path.join(config.dataDir, "pglite")) };
}

export async function closeConnection(): Promise<void> {
  const connection = slot.connection;
  if (!connection) return;
  slot.connection = undefined;
  if (connection.kind === "pg") await connection.pool.end();
  else await connection.pglite.close();
}
