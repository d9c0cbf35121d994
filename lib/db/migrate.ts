import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Connection } from "./connection";

// Applies prisma/migrations/<name>/migration.sql folders in order, each in a
// transaction, recorded in _prisma_migrations exactly as `prisma migrate deploy` does,
// so either tool can take over. An advisory lock lets several instances start at once.
const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
const LOCK_KEY = 7_355_608; // any constant shared by every instance

type Migration = { name: string; sql: string; checksum: string };
type Session = {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  transaction(fn: (tx: Session) => Promise<void>): Promise<void>;
};

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export async function migrate(connection: Connection): Promise<string[]> {
  const migrations = await readMigrations();
  return withSession(connection, async (session) => {
    await session.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      await session.exec(CREATE_TABLE);
      const applied = await session.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations"
         WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const done = new Map(applied.map((row) => [row.migration_name, row.checksum]));
      const names: string[] = [];
      for (const migration of migrations) {
        const checksum = done.get(migration.name);
        if (checksum !== undefined) {
          if (checksum !== migration.checksum) {
            throw new Error(`Migration ${migration.name} was changed after it was applied.`);
          }
          continue;
        }
        await session.transaction(async (tx) => {
          await tx.exec(migration.sql);
          await tx.query(
            `INSERT INTO "_prisma_migrations"
               (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), now(), 1)`,
            [randomUUID(), migration.checksum, migration.name],
          );
        });
        names.push(migration.name);
      }
      return names;
    } finally {
      await session.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  });
}

async function readMigrations(): Promise<Migration[]> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

async function withSession<T>(connection: Connection, fn: (session: Session) => Promise<T>): Promise<T> {
  if (connection.kind === "pglite") {
    const { pglite } = connection;
    const session: Session = {
      exec: async (sql) => void (await pglite.exec(sql)),
      query: async <R>(sql: string, params?: unknown[]) => (await pglite.query<R>(sql, params)).rows,
      transaction: (body) =>
        pglite.transaction(async (tx) => {
          await body({
            exec: async (sql) => void (await tx.exec(sql)),
            query: async <R>(sql: string, params?: unknown[]) => (await tx.query<R>(sql, params)).rows,
            transaction: () => Promise.reject(new Error("nested transaction")),
          });
        }),
    };
    return fn(session);
  }
  // One pooled client for the whole run: advisory locks belong to a session.
  const client = await connection.pool.connect();
  try {
    const session: Session = {
      exec: async (sql) => void (await client.query(sql)),
      query: async <R>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as R[],
      transaction: async (body) => {
        await client.query("BEGIN");
        try {
          await body(session);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      },
    };
    return await fn(session);
  } finally {
    client.release();
  }
}
