import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Pool } from "pg";
import { config, usesPostgresServer } from "@/lib/config";
import { lockDataDir } from "./data-dir-lock";

// The raw connection behind Prisma: one PGlite instance or one pg pool per process.
// Kept on globalThis in every environment: route handlers and pages load modules
// separately, and two PGlite instances on one directory corrupt it.
export type Connection = { kind: "pglite"; pglite: PGlite } | { kind: "pg"; pool: Pool };

const globalForDb = globalThis as unknown as { wispConnection?: Connection };

export function getConnection(): Connection {
  globalForDb.wispConnection ??= open();
  return globalForDb.wispConnection;
}

function open(): Connection {
  if (usesPostgresServer()) {
    const pool = new Pool({
      connectionString: config.databaseUrl,
      max: config.dbPoolSize,
      statement_timeout: config.dbStatementTimeoutMs,
      connectionTimeoutMillis: 5000,
    });
    // An idle client's error (server restart) must not crash the process.
    pool.on("error", () => {});
    return { kind: "pg", pool };
  }
  lockDataDir(config.dataDir);
  return { kind: "pglite", pglite: new PGlite(path.join(config.dataDir, "pglite")) };
}

export async function closeConnection(): Promise<void> {
  const connection = globalForDb.wispConnection;
  if (!connection) return;
  globalForDb.wispConnection = undefined;
  if (connection.kind === "pg") await connection.pool.end();
  else await connection.pglite.close();
}
