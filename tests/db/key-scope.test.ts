import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { openPGlite } from "@/lib/db/pglite";
import { tenantGuard } from "@/lib/db/tenant-guard";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { KeyScope } from "@/lib/key-scope";
import { readIds } from "@/lib/lists/read";
import { scopeSql, scopeWhere, type ScopedRecord } from "@/lib/records/scope";
import { groupList } from "@/lib/wifi/groups";
import { networkList } from "@/lib/wifi/networks";
import { userList } from "@/lib/wifi/users";
import { voucherList } from "@/lib/wifi/vouchers";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";

vi.mock("server-only", () => ({}));

// The scope rule (lib/records/scope.ts) on both databases: its Prisma form (reads and
// writes) and its SQL form (lists) reach the same records, and a deleted network's id
// reaches nothing.
const A = "11111111-1111-4111-8111-111111111111";
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const [N1, N2, G1, G2, G0, U1, U1G, U2, U0, V1, V2, V0] = Array.from({ length: 12 }, (_, i) => id(i + 1));

const SEED = `
INSERT INTO accounts (id, name) VALUES ('${A}', 'A');
INSERT INTO networks (id, account_id, name, ssid) VALUES ('${N1}', '${A}', 'n1', 's'), ('${N2}', '${A}', 'n2', 's');
INSERT INTO groups (id, account_id, name, network_id) VALUES
  ('${G1}', '${A}', 'g1', '${N1}'), ('${G2}', '${A}', 'g2', '${N2}'), ('${G0}', '${A}', 'g0', NULL);
INSERT INTO wifi_users (id, account_id, username, network_id) VALUES
  ('${U1}', '${A}', 'u1', '${N1}'), ('${U1G}', '${A}', 'u1g', NULL), ('${U2}', '${A}', 'u2', '${N2}'),
  ('${U0}', '${A}', 'u0', NULL);
INSERT INTO group_members (group_id, user_id, priority) VALUES ('${G1}', '${U1G}', 1), ('${G0}', '${U0}', 1);
INSERT INTO vouchers (id, account_id, code, validity_seconds, usage_limit, network_id) VALUES
  ('${V1}', '${A}', 'v1', 60, 1, '${N1}'), ('${V2}', '${A}', 'v2', 60, 1, '${N2}'), ('${V0}', '${A}', 'v0', 60, 1, NULL);
`;

type Db = { name: string; db: PrismaClient; close: () => Promise<void> };
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
  for (const [name, adapter, close] of [
    ["embedded", new PrismaPGlite(pglite), () => pglite.close()],
    ["PostgreSQL", new PrismaPg(pool), () => pool.end()],
  ] as const) {
    dbs.push({ name, db: new PrismaClient({ adapter }).$extends(tenantGuard) as unknown as PrismaClient, close });
  }
}, 120_000);

afterAll(async () => {
  for (const { db } of dbs) await db.$disconnect().catch(() => {});
  for (const { close } of dbs) await close();
  await database?.drop();
});

const LISTS = { network: networkList, group: groupList, user: userList, voucher: voucherList };
const model = (db: PrismaClient, record: ScopedRecord) =>
  ({ network: db.network, group: db.group, user: db.wifiUser, voucher: db.voucher })[record] as unknown as {
    findMany(args: object): Promise<{ id: string }[]>;
    findFirst(args: object): Promise<{ id: string } | null>;
  };

async function reached(db: PrismaClient, record: ScopedRecord, scope: KeyScope) {
  const viaWhere = (await model(db, record).findMany({ where: { accountId: A, ...scopeWhere(record, scope) } }))
    .map((row) => row.id)
    .sort();
  const page = await readIds(
    LISTS[record],
    A,
    { sort: "createdAt", dir: "asc", page: 1, pageSize: 100, match: scopeSql(record, scope) },
    db,
  );
  expect(page.ids.sort()).toEqual(viaWhere);
  return viaWhere;
}

describe.each([0, 1])("the scope rule (database %i)", (index) => {
  it("reaches a network's groups, users (by network or group) and vouchers", async () => {
    const { db } = dbs[index];
    const scope = { networks: [N1], groups: [] };
    expect(await reached(db, "network", scope)).toEqual([N1]);
    expect(await reached(db, "group", scope)).toEqual([G1]);
    expect(await reached(db, "user", scope)).toEqual([U1, U1G].sort());
    expect(await reached(db, "voucher", scope)).toEqual([V1]);
    const byGroup = { networks: [], groups: [G0] };
    expect(await reached(db, "group", byGroup)).toEqual([G0]);
    expect(await reached(db, "user", byGroup)).toEqual([U0]);
    expect(await reached(db, "voucher", byGroup)).toEqual([]);
  });

  it("finds one record by id only within the scope", async () => {
    const { db } = dbs[index];
    const scope = { networks: [N1], groups: [] };
    const find = (record: ScopedRecord, recordId: string) =>
      model(db, record).findFirst({ where: { id: recordId, accountId: A, ...scopeWhere(record, scope) } });
    expect(await find("network", N1)).toMatchObject({ id: N1 });
    expect(await find("network", N2)).toBeNull();
    expect(await find("group", G2)).toBeNull();
    expect(await find("user", U2)).toBeNull();
    expect(await find("voucher", V0)).toBeNull();
  });

  it("reaches nothing through ids that match no record (an emptied scope)", async () => {
    const { db } = dbs[index];
    const gone = { networks: [id(999)], groups: [id(998)] };
    for (const record of ["network", "group", "user", "voucher"] as const) {
      expect(await reached(db, record, gone)).toEqual([]);
    }
    for (const record of ["network", "group", "user", "voucher"] as const) {
      expect(await reached(db, record, { networks: [], groups: [] })).toEqual([]);
    }
  });
});
