import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { openPGlite } from "@/lib/db/pglite";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";

// Both databases, migrated exactly as the server migrates them, tried as the app's own
// connection (which on PostgreSQL here is even a superuser).
type Db = { name: string; query: (sql: string) => Promise<{ rows: { n: number }[] }>; close: () => Promise<void> };

async function embedded(): Promise<Db> {
  const pglite = openPGlite();
  await migrate({ kind: "pglite", pglite });
  return { name: "embedded", query: (sql) => pglite.query<{ n: number }>(sql), close: () => pglite.close() };
}

async function server(database: TestDatabase): Promise<Db> {
  const pool = new Pool({ connectionString: database.url, max: 2 });
  await migrate({ kind: "pg", pool, url: database.url });
  return { name: "PostgreSQL", query: (sql) => pool.query(sql), close: () => pool.end() };
}

const INSERT = `INSERT INTO audit_events (id, account_id, actor_type, actor_name, action, target_type)
  VALUES (gen_random_uuid(), gen_random_uuid(), 'member', 'ada@example.com', 'role.create', 'role')`;

let database: TestDatabase;
const dbs: Db[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  dbs.push(await embedded(), await server(database));
  for (const db of dbs) await db.query(INSERT);
});

afterAll(async () => {
  for (const db of dbs) await db.close();
  await database?.drop();
});

describe("audit events are append-only, enforced by the database", () => {
  for (const sql of [
    "UPDATE audit_events SET action = 'role.delete'",
    "DELETE FROM audit_events",
    "TRUNCATE audit_events",
  ]) {
    it(`refuses ${sql.split(" ")[0]} on both databases`, async () => {
      for (const db of dbs) {
        await expect(db.query(sql), db.name).rejects.toThrow(/append-only/);
        const { rows } = await db.query("SELECT count(*)::int AS n FROM audit_events WHERE action = 'role.create'");
        expect(rows[0].n, db.name).toBe(1);
      }
    });
  }

  it("still accepts new events", async () => {
    for (const db of dbs) {
      await db.query(INSERT);
      const { rows } = await db.query("SELECT count(*)::int AS n FROM audit_events");
      expect(rows[0].n, db.name).toBe(2);
    }
  });
});
