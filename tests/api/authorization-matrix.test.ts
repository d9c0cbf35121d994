import { beforeAll, describe, expect, inject, it } from "vitest";
import { AREA_NAMES, LEVELS, type Level } from "@/lib/permissions";
import { api } from "../helpers/portal";
import { createKeyWithRole, createRole, expectJson, newAccount, unique, type Call, type TestAccount } from "../helpers/account";

const baseUrl = inject("baseUrl");
type Operation = { "x-area": string | null; "x-level": Level | null; responses: Record<string, unknown> };
type Doc = { paths: Record<string, Record<string, Operation>> };
type Request = { path: string; body?: unknown };

// Makes a fresh, valid request for an endpoint, with records of `account` in the path.
type Sample = (account: TestAccount, own: TestAccount) => Promise<Request>;

const created = async (call: Call, path: string, body: unknown) => expectJson<{ id: string; keyId?: string }>(await call(path, { method: "POST", json: body }), 201);
const newUser = (a: TestAccount) => created(a.owner, "/api/v1/users", { username: unique("user") });
const newGroup = (a: TestAccount) => created(a.owner, "/api/v1/groups", { name: unique("group") });
const newNetwork = (a: TestAccount) => created(a.owner, "/api/v1/networks", { name: unique("net"), ssid: "Guest" });
const newVoucher = (a: TestAccount) => created(a.owner, "/api/v1/vouchers", { validitySeconds: 3600 });
const newRole = (a: TestAccount) => created(a.owner, "/api/v1/roles", { name: unique("role"), permissions: { users: "READ" } });
const readOnlyRoleId = async (a: TestAccount) =>
  ((await (await a.owner("/api/v1/roles")).json()) as { items: { id: string; name: string }[] }).items.find((role) => role.name === "Read Only")!.id;
const newMember = async (a: TestAccount) => created(a.owner, "/api/v1/team", { name: "Member", email: `${unique("m")}@example.com`, roleId: await readOnlyRoleId(a) });
const newKey = async (a: TestAccount) => created(a.owner, "/api/v1/api-keys", { name: unique("key"), roleId: await readOnlyRoleId(a) });

const SAMPLES: Record<string, Sample> = {
  "GET /api/v1/whoami": async () => ({ path: "/api/v1/whoami" }),
  "GET /api/v1/api-keys": async () => ({ path: "/api/v1/api-keys" }),
  "POST /api/v1/api-keys": async (_, own) => ({ path: "/api/v1/api-keys", body: { name: unique("key"), roleId: await readOnlyRoleId(own) } }),
  "GET /api/v1/api-keys/{keyId}": async (a) => ({ path: `/api/v1/api-keys/${(await newKey(a)).keyId}` }),
  "PATCH /api/v1/api-keys/{keyId}": async (a) => ({ path: `/api/v1/api-keys/${(await newKey(a)).keyId}`, body: { name: "renamed" } }),
  "DELETE /api/v1/api-keys/{keyId}": async (a) => ({ path: `/api/v1/api-keys/${(await newKey(a)).keyId}` }),
  "POST /api/v1/users": async () => ({ path: "/api/v1/users", body: { username: unique("user") } }),
  "PATCH /api/v1/users/{id}": async (a) => ({ path: `/api/v1/users/${(await newUser(a)).id}`, body: { status: "disabled" } }),
  "POST /api/v1/groups": async () => ({ path: "/api/v1/groups", body: { name: unique("group") } }),
  "PATCH /api/v1/groups/{id}": async (a) => ({ path: `/api/v1/groups/${(await newGroup(a)).id}`, body: { description: "changed" } }),
  "POST /api/v1/groups/{id}/users": async (a, own) => ({ path: `/api/v1/groups/${(await newGroup(a)).id}/users`, body: { userId: (await newUser(own)).id, priority: 3 } }),
  "DELETE /api/v1/groups/{id}/users/{userId}": async (a) => {
    const group = await newGroup(a);
    const user = await newUser(a);
    await expectJson(await a.owner(`/api/v1/groups/${group.id}/users`, { method: "POST", json: { userId: user.id } }), 200);
    return { path: `/api/v1/groups/${group.id}/users/${user.id}` };
  },
  "POST /api/v1/networks": async () => ({ path: "/api/v1/networks", body: { name: unique("net"), ssid: "Office" } }),
  "PATCH /api/v1/networks/{id}": async (a) => ({ path: `/api/v1/networks/${(await newNetwork(a)).id}`, body: { ssid: "Office-5G" } }),
  "POST /api/v1/vouchers": async () => ({ path: "/api/v1/vouchers", body: { validitySeconds: 600, prefix: "EVT" } }),
  "PATCH /api/v1/vouchers/{id}": async (a) => ({ path: `/api/v1/vouchers/${(await newVoucher(a)).id}`, body: { usageLimit: 5 } }),
  "POST /api/v1/vouchers/batch": async () => ({ path: "/api/v1/vouchers/batch", body: { count: 3, validitySeconds: 600 } }),
  "POST /api/v1/roles": async () => ({ path: "/api/v1/roles", body: { name: unique("role"), permissions: { users: "READ" } } }),
  "PATCH /api/v1/roles/{id}": async (a) => ({ path: `/api/v1/roles/${(await newRole(a)).id}`, body: { permissions: { users: "FULL" } } }),
  "POST /api/v1/team": async (_, own) => ({ path: "/api/v1/team", body: { name: "New", email: `${unique("n")}@example.com`, roleId: await readOnlyRoleId(own) } }),
  "PATCH /api/v1/team/{id}": async (a) => ({ path: `/api/v1/team/${(await newMember(a)).id}`, body: { name: "Renamed" } }),
  "GET /api/v1/audit-log": async () => ({ path: "/api/v1/audit-log" }),
};

// Item endpoints not listed above need only an existing record of the area.
const FIXTURES: Record<string, (a: TestAccount) => Promise<{ id: string }>> = {
  users: newUser,
  groups: newGroup,
  networks: newNetwork,
  vouchers: newVoucher,
  roles: newRole,
  team: newMember,
};

function sampleFor(method: string, path: string): Sample {
  const listed = SAMPLES[`${method} ${path}`];
  if (listed) return listed;
  const match = /^\/api\/v1\/([a-z-]+)(\/\{id\})?$/.exec(path);
  if (!match) throw new Error(`no sample request for ${method} ${path}`);
  const [, name, item] = match;
  if (!item) return async () => ({ path });
  return async (a) => ({ path: `/api/v1/${name}/${(await FIXTURES[name](a)).id}` });
}

let own: TestAccount;
let other: TestAccount;
let doc: Doc;
const keys = {} as Record<Level, Call>;

beforeAll(async () => {
  [own, other] = await Promise.all([newAccount(baseUrl, "Matrix Own"), newAccount(baseUrl, "Matrix Other")]);
  doc = await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json();
  // One role per level, every area at that level (capped where an area is read only).
  for (const level of LEVELS) {
    const role = await createRole(own.owner, Object.fromEntries(AREA_NAMES.map((area) => [area, area === "audit_log" && level === "FULL" ? "READ" : level])), `All ${level}`);
    keys[level] = (await createKeyWithRole(baseUrl, own.owner, role.id, `matrix ${level}`)).call;
  }
});

const RANK: Record<Level, number> = { NONE: 0, READ: 1, FULL: 2 };

describe("authorization matrix: every endpoint × level × account × key", () => {
  it("answers each combination with exactly the expected status", async () => {
    const results: string[] = [];
    let cases = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [lowerMethod, operation] of Object.entries(operations)) {
        const method = lowerMethod.toUpperCase();
        const sample = sampleFor(method, path);
        const success = Number(Object.keys(operation.responses).find((status) => status.startsWith("2")));
        const hasId = path.includes("{");
        for (const account of hasId ? [own, other] : [own]) {
          const whose = account === own ? "own" : "other";
          // No key at all.
          const anonymous = await sample(account, own);
          const noKey = await api(baseUrl)(anonymous.path, { method, json: anonymous.body });
          cases++;
          if (noKey.status !== 401) results.push(`${method} ${path} ${whose} no key: ${noKey.status}`);
          for (const level of LEVELS) {
            const request = await sample(account, own);
            const response = await keys[level](request.path, { method, json: request.body });
            const needed = operation["x-level"];
            const allowed = needed === null || RANK[level] >= RANK[needed];
            const expected = !allowed ? 403 : whose === "other" ? 404 : success;
            cases++;
            if (response.status !== expected) {
              results.push(`${method} ${path} ${whose} ${level}: expected ${expected}, got ${response.status} ${(await response.text()).slice(0, 200)}`);
            } else if (expected === 404) {
              expect(JSON.stringify(await response.json())).not.toContain(request.path.split("/").pop());
            }
          }
        }
      }
    }
    console.log(`authorization matrix: ${cases} cases checked`);
    expect(results).toEqual([]);
    expect(cases).toBeGreaterThan(150);
  }, 240_000);
});
