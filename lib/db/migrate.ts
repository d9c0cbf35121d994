import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Client } from "pg";
import { config } from "@/lib/config";
import type { Connection } from "./connection";

// Applies prisma/migrations/<name>/migration.sql folders in order, each in a
// transaction, recorded in _prisma_migrations exactly as `prisma migrate deploy` does,
// so either tool can take over. An advisory lock lets several instances start at once.
const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
const LOCK_KEY = 7_355_608; // any constant shared by every instance
const LOCK_POLL_MS = 250;
const LOCK_LOG_EVERY_MS = 10_000;

// Waiting longer than MIGRATION_LOCK_TIMEOUT_MS for another instance's migrations.
export class MigrationLockTimeoutError extends Error {}

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

// With a migration role (DATABASE_MIGRATION_URL, or `migrationUrl`), migrations run as that
// role, and the runtime role (DATABASE_URL's) is then granted what the app needs: rows of
// every table, but on the audit trail only SELECT and INSERT, and no table of its own, so
// it can't ALTER, DISABLE TRIGGER, DROP, UPDATE, DELETE or TRUNCATE its way past it.
export async function migrate(
  connection: Connection,
  migrationUrl = connection.kind === "pg" ? config.databaseMigrationUrl : "",
): Promise<string[]> {
  const migrations = await readMigrations();
  const runtimeRole =
    connection.kind === "pg" && migrationUrl
      ? (await connection.pool.query<{ role: string }>("SELECT current_user AS role")).rows[0].role
      : null;
  const target: Connection =
    connection.kind === "pg" && migrationUrl ? { ...connection, url: migrationUrl } : connection;
  return withSession(target, async (session) => {
    await takeMigrationLock(session);
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
      if (runtimeRole) await grantRuntimeRole(session, runtimeRole);
      return names;
    } finally {
      await session.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  });
}

// Tables appended to only: the runtime role may read and add rows, nothing else.
const APPEND_ONLY_TABLES = ["audit_events"];

// Run after every start's migrations (new tables included); a no-op when the migration
// role is the runtime role itself.
async function grantRuntimeRole(session: Session, role: string): Promise<void> {
  const [{ owner }] = await session.query<{ owner: string }>("SELECT current_user AS owner");
  if (owner === role) return;
  const grantee = `"${role.replaceAll('"', '""')}"`;
  await session.transaction(async (tx) => {
    await tx.exec(`GRANT USAGE ON SCHEMA public TO ${grantee}`);
    await tx.exec(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${grantee}`);
    await tx.exec(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${grantee}`);
    await tx.exec(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM ${grantee}`);
    for (const table of APPEND_ONLY_TABLES) {
      await tx.exec(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "${table}" FROM ${grantee}`);
    }
  });
}

// Its own bound, not the statement timeout: polls pg_try_advisory_lock, so the wait is
// never a statement that something else could cancel, and says why it waits.
async function takeMigrationLock(session: Session): Promise<void> {
  const started = Date.now();
  let loggedAt = started;
  for (;;) {
    const [row] = await session.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [LOCK_KEY]);
    if (row.locked) return;
    const waited = Date.now() - started;
    if (waited >= config.migrationLockTimeoutMs) {
      throw new MigrationLockTimeoutError(
        `Another instance has held the migration lock for ${Math.round(waited / 1000)} s ` +
          `(MIGRATION_LOCK_TIMEOUT_MS=${config.migrationLockTimeoutMs}); giving up.`,
      );
    }
    if (Date.now() - loggedAt >= LOCK_LOG_EVERY_MS) {
      loggedAt = Date.now();
      console.log(`Waiting for another instance to finish its migrations (${Math.round(waited / 1000)} s)…`);
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

// Names of migration folders not yet applied to the database (for /api/ready).
export async function pendingMigrations(connection: Connection): Promise<string[]> {
  const names = (migrationNames ??= readMigrations().then((list) => list.map((m) => m.name)));
  const query = `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const rows =
    connection.kind === "pglite"
      ? (await connection.pglite.query<{ migration_name: string }>(query)).rows
      : (await connection.pool.query<{ migration_name: string }>(query)).rows;
  const applied = new Set(rows.map((row) => row.migration_name));
  return (await names).filter((name) => !applied.has(name));
}
let migrationNames: Promise<string[]> | undefined;

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
  // A client of its own for the whole run: advisory locks belong to a session, and
  // migrations must not be cut short by the pool's statement and query timeouts.
  const client = new Client({
    connectionString: connection.url,
    connectionTimeoutMillis: config.dbConnectTimeoutMs,
  });
  client.on("error", () => {});
  await client.connect();
  try {
    // Migrations may move any account's rows: the bypass of row-level security, for this
    // session of their own only.
    await client.query("SELECT set_config('app.rls_bypass', 'on', false)");
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
    await client.end().catch(() => {});
  }
}
