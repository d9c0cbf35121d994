import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { apiKeyList } from "@/lib/api-keys/manage";
import { auditList } from "@/lib/audit/list";
import { migrate } from "@/lib/db/migrate";
import { openPGlite } from "@/lib/db/pglite";
import { tenantGuard } from "@/lib/db/tenant-guard";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { decodeCursor } from "@/lib/validations/cursor";
import { readIds, type ListRequest } from "@/lib/lists/read";
import type { ListTable } from "@/lib/lists/table";
import { roleList } from "@/lib/roles/roles";
import { memberList } from "@/lib/team/team";
import { groupList } from "@/lib/wifi/groups";
import { networkList } from "@/lib/wifi/networks";
import { userList } from "@/lib/wifi/users";
import { voucherList } from "@/lib/wifi/vouchers";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";

// The resource modules declare their lists; some of their imports are marked server-only.
vi.mock("server-only", () => ({}));

// The list reader (lib/lists/read.ts) on both databases, migrated as the server migrates
// them: its raw SQL stays inside the account, sorts ignore case, NULLs sit where the index
// has them, cursors walk the same rows as page numbers, totals stop at 1,000.
type Db = { name: string; db: PrismaClient; sql: (text: string) => Promise<unknown[]>; close: () => Promise<void> };

const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";
const BULK = 1200;
const NAMED = ["Guest voucher printer", "backup-server", "Zeta", "alpha", "50% off", "under_score", "Mixed CASE"];

const SEED = `
INSERT INTO accounts (id, name) VALUES ('${A}', 'A'), ('${B}', 'B');
INSERT INTO roles (id, account_id, name, built_in, updated_at, created_at) VALUES
  (gen_random_uuid(), '${A}', 'Owner', 'OWNER', now(), now() - interval '1 day'),
  (gen_random_uuid(), '${A}', 'Read Only', 'READ_ONLY', now(), now() - interval '1 day'),
  (gen_random_uuid(), '${A}', 'support', NULL, now(), now()),
  (gen_random_uuid(), '${A}', 'Billing', NULL, now(), now()),
  (gen_random_uuid(), '${A}', 'admins', NULL, now(), now()),
  (gen_random_uuid(), '${B}', 'Owner', 'OWNER', now(), now());
INSERT INTO api_keys (id, key_id, account_id, role_id, name, start, created_at, last_used_at)
SELECT gen_random_uuid(), 'key_' || substr(md5(random()::text), 1, 16), '${A}',
       (SELECT id FROM roles WHERE account_id = '${A}' AND built_in = 'OWNER'),
       CASE WHEN i % 3 = 0 THEN 'Bulk key ' ELSE 'bulk key ' END || i, 'wisp_x',
       timestamp '2026-01-01' - (i % 400 || ' minutes')::interval,
       CASE WHEN i % 2 = 0 THEN timestamp '2026-01-01' - (i % 50 || ' minutes')::interval END
FROM generate_series(1, ${BULK}) AS i;
INSERT INTO api_keys (id, key_id, account_id, role_id, name, start)
SELECT gen_random_uuid(), 'key_' || substr(md5(random()::text), 1, 16), '${A}',
       (SELECT id FROM roles WHERE account_id = '${A}' AND built_in = 'OWNER'), name, 'wisp_x'
FROM unnest(ARRAY[${NAMED.map((name) => `'${name}'`).join(", ")}]) AS name;
INSERT INTO api_keys (id, key_id, account_id, role_id, name, start, deleted_at)
VALUES (gen_random_uuid(), 'key_deleteddeleted00', '${A}', NULL, 'deleted Guest key', 'wisp_x', now());
INSERT INTO api_keys (id, key_id, account_id, role_id, name, start)
SELECT gen_random_uuid(), 'key_' || substr(md5(random()::text), 1, 16), '${B}',
       (SELECT id FROM roles WHERE account_id = '${B}'), name, 'wisp_x'
FROM unnest(ARRAY['Guest voucher printer', 'bulk key 1', 'theirs']) AS name;
INSERT INTO wifi_users (id, account_id, username, full_name, email)
VALUES (gen_random_uuid(), '${A}', 'ada', 'Ada Lovelace', 'ada@example.com'),
       (gen_random_uuid(), '${B}', 'ada', 'Ada Other', 'ada@example.org');
INSERT INTO groups (id, account_id, name) VALUES (gen_random_uuid(), '${A}', 'Staff'), (gen_random_uuid(), '${B}', 'Staff');
INSERT INTO networks (id, account_id, name, ssid) VALUES (gen_random_uuid(), '${A}', 'Office', 'office-5g'), (gen_random_uuid(), '${B}', 'Office', 'office-5g');
INSERT INTO vouchers (id, account_id, code, validity_seconds, usage_limit)
VALUES (gen_random_uuid(), '${A}', 'GUEST-ABC', 60, 1), (gen_random_uuid(), '${B}', 'GUEST-ABC', 60, 1);
INSERT INTO members (id, account_id, role_id, name)
VALUES (gen_random_uuid(), '${A}', (SELECT id FROM roles WHERE account_id = '${A}' AND built_in = 'OWNER'), 'Ada'),
       (gen_random_uuid(), '${B}', (SELECT id FROM roles WHERE account_id = '${B}'), 'Bob');
INSERT INTO audit_events (id, account_id, actor_type, actor_name, action, target_type)
VALUES (gen_random_uuid(), '${A}', 'member', 'ada@example.com', 'role.create', 'role'),
       (gen_random_uuid(), '${B}', 'member', 'bob@example.com', 'role.create', 'role');
ANALYZE;
`;

let database: TestDatabase;
const dbs: Db[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const pglite = openPGlite();
  await migrate({ kind: "pglite", pglite });
  await pglite.exec(SEED);
  const pool = new Pool({ connectionString: database.url, max: 2 });
  await migrate({ kind: "pg", pool, url: database.url });
  await pool.query(SEED);
  for (const [name, adapter, sql, close] of [
    [
      "embedded",
      new PrismaPGlite(pglite),
      async (text: string) => (await pglite.query(text)).rows,
      () => pglite.close(),
    ],
    ["PostgreSQL", new PrismaPg(pool), async (text: string) => (await pool.query(text)).rows, () => pool.end()],
  ] as const) {
    const db = new PrismaClient({ adapter }).$extends(tenantGuard) as unknown as PrismaClient;
    dbs.push({ name, db, sql, close });
  }
}, 120_000);

afterAll(async () => {
  for (const { db } of dbs) await db.$disconnect().catch(() => {});
  for (const { close } of dbs) await close();
  await database?.drop();
});

const request = <Sort extends string>(sort: Sort, dir: "asc" | "desc", more: Partial<ListRequest<Sort>> = {}) => ({
  sort,
  dir,
  page: 1,
  pageSize: 100,
  ...more,
});

// Every page of a list: by page numbers, or by following nextCursor.
async function walk<Sort extends string>(
  db: PrismaClient,
  table: ListTable<Sort>,
  base: ListRequest<Sort>,
  by: "page" | "cursor",
): Promise<string[]> {
  const ids: string[] = [];
  let page = await readIds(table, A, base, db);
  for (;;) {
    ids.push(...page.ids);
    if (!page.next) return ids;
    page = await readIds(
      table,
      A,
      by === "page" ? { ...base, page: page.page! + 1 } : { ...base, after: page.next },
      db,
    );
  }
}

async function names(db: Db, ids: string[]): Promise<string[]> {
  const rows = (await db.sql(
    `SELECT id::text, name::text FROM api_keys WHERE id IN (${ids.map((id) => `'${id}'`).join(",") || "NULL"})`,
  )) as { id: string; name: string }[];
  const byId = new Map(rows.map((row) => [row.id, row.name]));
  return ids.map((id) => byId.get(id)!);
}

describe("lists stay inside the account", () => {
  it("reads, searches and counts only the caller's rows, for every list", async () => {
    const tables = {
      api_keys: apiKeyList,
      roles: roleList,
      members: memberList,
      wifi_users: userList,
      groups: groupList,
      networks: networkList,
      vouchers: voucherList,
      audit_events: auditList,
    } as Record<string, ListTable<string>>;
    for (const { name, db, sql } of dbs) {
      for (const [table, list] of Object.entries(tables)) {
        for (const [account, other] of [
          [A, B],
          [B, A],
        ]) {
          for (const q of ["", "a", "Guest", "ada", "Staff", "Office", "GUEST-ABC"]) {
            const sort = Object.keys(list.sorts)[0];
            const page = await readIds(list, account, { ...request(sort, "asc"), q }, db);
            const owners = (await sql(
              `SELECT DISTINCT account_id::text AS account FROM ${table} WHERE id IN (${page.ids.map((id) => `'${id}'`).join(",") || "NULL"})`,
            )) as { account: string }[];
            expect(
              owners.map((row) => row.account),
              `${name} ${table} q=${q}`,
            ).not.toContain(other);
            const [{ n }] = (await sql(
              `SELECT count(*)::int AS n FROM ${table} WHERE account_id = '${account}'${list.live ? ` AND ${list.live}` : ""}`,
            )) as { n: number }[];
            if (!q) expect(page.total, `${name} ${table}`).toBe(Math.min(n, 1000));
          }
        }
      }
    }
  });
});

describe("sorting", () => {
  it("sorts key names without regard to case, ties by id", async () => {
    for (const db of dbs) {
      const ids = await walk(db.db, apiKeyList, request("name", "asc"), "page");
      const sorted = await names(db, ids);
      expect(sorted.indexOf("backup-server"), db.name).toBeLessThan(sorted.indexOf("Guest voucher printer"));
      const lower = sorted.map((name) => name.toLowerCase());
      const collator = new Intl.Collator("und");
      expect(lower, db.name).toEqual([...lower].sort(collator.compare));
      expect(sorted, db.name).not.toContain("deleted Guest key");
      expect(sorted.length, db.name).toBe(BULK + NAMED.length);
    }
  });

  it("sorts names by the Unicode collation, not by code point, on both databases (issue 26)", async () => {
    const C = "33333333-3333-4333-8333-333333333333";
    const words = ["zulu", "éclair", "Apple", "Émile", "eclair", "banana"];
    const expected = ["Apple", "banana", "eclair", "éclair", "Émile", "zulu"];
    for (const db of dbs) {
      await db.sql(`INSERT INTO accounts (id, name) VALUES ('${C}', 'C')`);
      await db.sql(
        `INSERT INTO roles (id, account_id, name, built_in, updated_at) VALUES (gen_random_uuid(), '${C}', 'Owner', 'OWNER', now())`,
      );
      await db.sql(
        `INSERT INTO wifi_users (id, account_id, username, full_name) SELECT gen_random_uuid(), '${C}', w, upper(w) FROM unnest(ARRAY[${words.map((w) => `'${w}'`).join(", ")}]) AS w`,
      );
      await db.sql(
        `INSERT INTO api_keys (id, key_id, account_id, role_id, name, start) SELECT gen_random_uuid(), 'key_' || substr(md5(w), 1, 16), '${C}', (SELECT id FROM roles WHERE account_id = '${C}'), w, 'wisp_x' FROM unnest(ARRAY[${words.map((w) => `'${w}'`).join(", ")}]) AS w`,
      );
      const rows = (await db.sql(
        `SELECT id::text, username AS name FROM wifi_users WHERE account_id = '${C}' UNION ALL SELECT id::text, name::text FROM api_keys WHERE account_id = '${C}'`,
      )) as { id: string; name: string }[];
      const byId = new Map(rows.map((row) => [row.id, row.name]));
      for (const [list, sort] of [
        [userList, "username"],
        [apiKeyList, "name"],
      ] as const) {
        for (const dir of ["asc", "desc"] as const) {
          // Two at a time, by cursor: the keyset comparison uses the same collation.
          const ids: string[] = [];
          let page = await readIds(list as ListTable<string>, C, { ...request(sort, dir), pageSize: 2 }, db.db);
          for (;;) {
            ids.push(...page.ids);
            if (!page.next) break;
            page = await readIds(
              list as ListTable<string>,
              C,
              { ...request(sort, dir), pageSize: 2, after: page.next },
              db.db,
            );
          }
          const want = dir === "asc" ? expected : [...expected].reverse();
          expect(
            ids.map((id) => byId.get(id)),
            `${db.name} ${sort} ${dir}`,
          ).toEqual(want);
        }
      }
    }
    // The sort is served by its index (same collation), not a sort of the whole account:
    // checked on the embedded database, whose one connection keeps the setting.
    const embedded = dbs.find((db) => db.name === "embedded")!;
    await embedded.sql("SET enable_seqscan = off");
    const plan = await embedded.sql(
      `EXPLAIN SELECT id FROM wifi_users WHERE account_id = '${C}' ORDER BY "username" COLLATE "und-x-icu", id LIMIT 3`,
    );
    await embedded.sql("RESET enable_seqscan");
    expect(JSON.stringify(plan)).toContain("wifi_users_account_id_username_id_idx");
  });

  it("puts never-used keys first ascending and last descending", async () => {
    for (const db of dbs) {
      for (const dir of ["asc", "desc"] as const) {
        const ids = await walk(db.db, apiKeyList, request("lastUsedAt", dir), "page");
        const rows = (await db.sql(
          `SELECT id::text, last_used_at IS NULL AS never FROM api_keys WHERE deleted_at IS NULL AND account_id = '${A}'`,
        )) as { id: string; never: boolean }[];
        const never = new Map(rows.map((row) => [row.id, row.never]));
        const flags = ids.map((id) => never.get(id));
        const nulls = flags.filter(Boolean).length;
        const expected =
          dir === "asc"
            ? [...flags].sort((x, y) => Number(y) - Number(x))
            : [...flags].sort((x, y) => Number(x) - Number(y));
        expect(flags, `${db.name} ${dir}`).toEqual(expected);
        expect(nulls, db.name).toBeGreaterThan(0);
      }
    }
  });

  it("lists roles built-in first, then by name without regard to case", async () => {
    for (const db of dbs) {
      const page = await readIds(roleList, A, request("builtInThenName", "asc"), db.db);
      const rows = (await db.sql(`SELECT id::text, name::text FROM roles WHERE account_id = '${A}'`)) as {
        id: string;
        name: string;
      }[];
      const byId = new Map(rows.map((row) => [row.id, row.name]));
      expect(
        page.ids.map((id) => byId.get(id)),
        db.name,
      ).toEqual(["Owner", "Read Only", "admins", "Billing", "support"]);
    }
  });
});

describe("cursors", () => {
  it("walk the same rows as page numbers, for every sort and direction, with and without a search", async () => {
    for (const db of dbs) {
      for (const sort of ["createdAt", "name", "lastUsedAt"] as const) {
        for (const dir of ["asc", "desc"] as const) {
          for (const q of ["", "key 1", "bulk"]) {
            const base = { ...request(sort, dir), pageSize: 97, q };
            const byPage = await walk(db.db, apiKeyList, base, "page");
            const byCursor = await walk(db.db, apiKeyList, base, "cursor");
            expect(byCursor, `${db.name} ${sort} ${dir} q=${q}`).toEqual(byPage);
            expect(new Set(byPage).size, `${db.name} ${sort} ${dir} q=${q}`).toBe(byPage.length);
          }
        }
      }
      const roles = await walk(db.db, roleList, { ...request("builtInThenName", "asc"), pageSize: 1 }, "cursor");
      expect(roles, db.name).toHaveLength(5);
    }
  });

  it("refuses a cursor of another order", async () => {
    const page = await readIds(apiKeyList, A, request("name", "asc"), dbs[0].db);
    await expect(
      readIds(apiKeyList, A, { ...request("createdAt", "desc"), after: page.next! }, dbs[0].db),
    ).rejects.toThrow(/another sort order/);
    expect(decodeCursor("not a cursor!")).toBeNull();
    expect(decodeCursor(Buffer.from('{"o":1}').toString("base64url"))).toBeNull();
  });
});

describe("search", () => {
  it("matches any part of a name or Key ID, without regard to case, with % _ \\ as themselves", async () => {
    for (const db of dbs) {
      const [{ key_id }] = (await db.sql(
        `SELECT key_id FROM api_keys WHERE account_id = '${A}' AND name = 'Zeta'`,
      )) as { key_id: string }[];
      const search = async (q: string) =>
        names(db, (await readIds(apiKeyList, A, request("name", "asc", { q }), db.db)).ids);
      expect(await search("VOUCHER PRINT"), db.name).toEqual(["Guest voucher printer"]);
      expect(await search(key_id.slice(6, 13)), db.name).toEqual(["Zeta"]);
      expect(await search(key_id.slice(6, 13).toUpperCase()), db.name).toEqual(["Zeta"]);
      expect(await search("%"), db.name).toEqual(["50% off"]);
      expect(await search("r_s"), db.name).toEqual(["under_score"]);
      expect(await search("r%s"), db.name).toEqual([]);
      expect(await search("\\"), db.name).toEqual([]);
      expect(await search("mixed case"), db.name).toEqual(["Mixed CASE"]);
      expect(await search("deleted"), db.name).toEqual([]);
    }
  });
});

describe("totals", () => {
  it("count up to 1,000, exactly on the last page and past the end, and stay a lower bound deep in the list", async () => {
    const live = BULK + NAMED.length;
    for (const db of dbs) {
      const first = await readIds(apiKeyList, A, request("createdAt", "desc", { pageSize: 20 }), db.db);
      expect([first.total, first.totalCapped], db.name).toEqual([1000, true]);
      const deep = await readIds(apiKeyList, A, request("createdAt", "desc", { pageSize: 20, page: 55 }), db.db);
      expect([deep.total, deep.totalCapped, deep.ids.length], db.name).toEqual([1100, true, 20]);
      const lastPage = Math.ceil(live / 20);
      const last = await readIds(apiKeyList, A, request("createdAt", "desc", { pageSize: 20, page: lastPage }), db.db);
      expect([last.total, last.totalCapped, last.next], db.name).toEqual([live, false, null]);
      const past = await readIds(apiKeyList, A, request("createdAt", "desc", { pageSize: 20, page: 999 }), db.db);
      expect([past.total, past.totalCapped, past.ids.length], db.name).toEqual([live, false, 0]);
      const common = await readIds(apiKeyList, A, request("createdAt", "desc", { pageSize: 20, q: "bulk" }), db.db);
      expect([common.total, common.totalCapped, common.ids.length], db.name).toEqual([1000, true, 20]);
      const rare = await readIds(apiKeyList, A, request("createdAt", "desc", { pageSize: 20, q: "key 11" }), db.db);
      expect([rare.total, rare.totalCapped], db.name).toEqual([1 + 10 + 100, false]);
    }
  });
});

describe("schema", () => {
  it("keeps the last-used index NULLS FIRST, so one index serves both directions", async () => {
    for (const db of dbs) {
      const [row] = (await db.sql(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'api_keys_account_id_last_used_at_id_idx'",
      )) as { indexdef: string }[];
      expect(row.indexdef, db.name).toMatch(/last_used_at NULLS FIRST, id\) WHERE \(deleted_at IS NULL\)/);
    }
  });

  it("makes role names unique regardless of case, within one account", async () => {
    for (const db of dbs) {
      await expect(
        db.sql(
          `INSERT INTO roles (id, account_id, name, updated_at) VALUES (gen_random_uuid(), '${A}', 'SUPPORT', now())`,
        ),
        db.name,
      ).rejects.toThrow(/unique|duplicate/i);
      await db.sql(
        `INSERT INTO roles (id, account_id, name, updated_at) VALUES (gen_random_uuid(), '${B}', 'SUPPORT', now())`,
      );
      await db.sql(`DELETE FROM roles WHERE account_id = '${B}' AND name = 'support'`);
    }
  });

  it("renames roles whose names differed only by case when it takes effect", async () => {
    const dir = path.join(process.cwd(), "prisma", "migrations");
    const folders = readdirSync(dir)
      .filter((name) => !name.endsWith(".toml"))
      .sort();
    const at = folders.findIndex((name) => name.endsWith("_list_indexes"));
    const pglite = openPGlite();
    try {
      for (const folder of folders.slice(0, at))
        await pglite.exec(readFileSync(path.join(dir, folder, "migration.sql"), "utf8"));
      await pglite.exec(`
        INSERT INTO accounts (id, name) VALUES ('${A}', 'A');
        INSERT INTO roles (id, account_id, name, built_in, updated_at, created_at) VALUES
          ('aaaaaaaa-0000-4000-8000-000000000001', '${A}', 'owner', NULL, now(), now() - interval '2 days'),
          ('aaaaaaaa-0000-4000-8000-000000000002', '${A}', 'Owner', 'OWNER', now(), now() - interval '1 day'),
          ('aaaaaaaa-0000-4000-8000-000000000003', '${A}', 'Support', NULL, now(), now() - interval '1 day'),
          ('bbbbbbbb-0000-4000-8000-000000000004', '${A}', 'support', NULL, now(), now());`);
      for (const folder of folders.slice(at))
        await pglite.exec(readFileSync(path.join(dir, folder, "migration.sql"), "utf8"));
      const { rows } = await pglite.query<{ name: string }>("SELECT name::text FROM roles ORDER BY id");
      expect(rows.map((row) => row.name)).toEqual(["owner (aaaaaaaa)", "Owner", "Support", "support (bbbbbbbb)"]);
    } finally {
      await pglite.close();
    }
  });
});
