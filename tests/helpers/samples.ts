import { randomBytes } from "node:crypto";
import { generateSecret } from "@/lib/api-keys/format";
import { expectJson, roleNamed, unique, type Call, type TestAccount } from "./account";

// A fresh, valid request for every endpoint of the API, used by the authorization
// matrix and the OpenAPI contract test.
type Request = { path: string; body?: unknown; headers?: Record<string, string> };

// Makes a fresh, valid request for an endpoint, with records of `account` in the path.
export type Sample = (account: TestAccount, own: TestAccount) => Promise<Request>;

const created = async (call: Call, path: string, body: unknown) =>
  expectJson<{ id: string; keyId?: string }>(await call(path, { method: "POST", json: body }), 201);
const newUser = (a: TestAccount) => created(a.owner, "/api/v1/users", { username: unique("user") });
const newGroup = (a: TestAccount) => created(a.owner, "/api/v1/groups", { name: unique("group") });
const newNetwork = (a: TestAccount) => created(a.owner, "/api/v1/networks", { name: unique("net"), ssid: "Guest" });
const newVoucher = (a: TestAccount) => created(a.owner, "/api/v1/vouchers", { validitySeconds: 3600 });
const newRole = (a: TestAccount) =>
  created(a.owner, "/api/v1/roles", { name: unique("role"), permissions: { users: "READ" } });
const readOnlyRoleId = async (a: TestAccount) => (await roleNamed(a.owner, "Read Only")).id;
const newMember = async (a: TestAccount) =>
  created(a.owner, "/api/v1/team", {
    name: "Member",
    email: `${unique("m")}@example.com`,
    roleId: await readOnlyRoleId(a),
  });
const newKey = async (a: TestAccount) =>
  created(a.owner, "/api/v1/api-keys", { name: unique("key"), roleId: await readOnlyRoleId(a) });

// An endpoint no receiver listens on (port 9, discard): its deliveries fail at once. The
// API test server allows loopback (WEBHOOK_ALLOW_PRIVATE_NETWORKS=1). One per account,
// with one delivery in its log, reused (an account holds at most 20).
const NOWHERE = "http://127.0.0.1:9/hooks";
// The fuzzer's valid bodies create endpoints too: at the cap, all but the reused ones go.
const keptWebhooks = new Set<string>();
const newWebhook = async (a: TestAccount) => {
  const create = () =>
    a.owner("/api/v1/webhooks", { method: "POST", json: { url: NOWHERE, events: ["role.created"] } });
  let response = await create();
  if (response.status === 400 && (await response.clone().text()).includes("at most 20 endpoints")) {
    const list = await expectJson<{ items: { id: string }[] }>(await a.owner("/api/v1/webhooks?pageSize=100"), 200);
    for (const { id } of list.items) {
      if (!keptWebhooks.has(id)) await a.owner(`/api/v1/webhooks/${id}`, { method: "DELETE" });
    }
    response = await create();
  }
  return (await expectJson<{ webhook: { id: string } }>(response, 201)).webhook;
};
const webhooks = new Map<TestAccount, Promise<{ id: string; eventId: string }>>();
const webhookOf = (a: TestAccount) => {
  if (!webhooks.has(a)) webhooks.set(a, webhookWithDelivery(a));
  return webhooks.get(a)!;
};
async function webhookWithDelivery(a: TestAccount) {
  const { id } = await newWebhook(a);
  keptWebhooks.add(id);
  const { eventId } = await expectJson<{ eventId: string }>(
    await a.owner(`/api/v1/webhooks/${id}/test`, { method: "POST" }),
    202,
  );
  for (let tries = 0; tries < 100; tries++) {
    const log = await expectJson<{ items: unknown[] }>(await a.owner(`/api/v1/webhooks/${id}/deliveries`), 200);
    if (log.items.length > 0) return { id, eventId };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the test event's delivery never reached the log");
}

const SAMPLES: Record<string, Sample> = {
  "GET /api/v1/whoami": async () => ({ path: "/api/v1/whoami" }),
  "GET /api/v1/api-keys": async () => ({ path: "/api/v1/api-keys" }),
  "POST /api/v1/api-keys": async (_, own) => ({
    path: "/api/v1/api-keys",
    body: { name: unique("key"), roleId: await readOnlyRoleId(own) },
  }),
  "GET /api/v1/api-keys/{keyId}": async (a) => ({ path: `/api/v1/api-keys/${(await newKey(a)).keyId}` }),
  "PATCH /api/v1/api-keys/{keyId}": async (a) => ({
    path: `/api/v1/api-keys/${(await newKey(a)).keyId}`,
    body: { name: "renamed" },
  }),
  "DELETE /api/v1/api-keys/{keyId}": async (a) => ({ path: `/api/v1/api-keys/${(await newKey(a)).keyId}` }),
  "GET /api/v1/api-keys/{keyId}/usage": async (a) => ({
    path: `/api/v1/api-keys/${(await newKey(a)).keyId}/usage?granularity=minute`,
  }),
  "GET /api/v1/api-keys/{keyId}/requests": async (a) => ({
    path: `/api/v1/api-keys/${(await newKey(a)).keyId}/requests?status=2xx`,
  }),
  "POST /api/v1/api-keys/{keyId}/roll": async (a) => ({
    path: `/api/v1/api-keys/${(await newKey(a)).keyId}/roll`,
    body: { gracePeriod: "1h" },
  }),
  "GET /api/v1/api-key-policy": async () => ({ path: "/api/v1/api-key-policy" }),
  // null: no maximum, so the other tests' keys without an expiry stay possible.
  "PATCH /api/v1/api-key-policy": async () => ({ path: "/api/v1/api-key-policy", body: { maxKeyLifetimeDays: null } }),
  // Made-up secrets, each call from its own forwarded address (the API test server trusts
  // its loopback proxy) so the per-address rate limit is never what answers.
  "POST /api/v1/leaked-keys": async () => ({
    path: "/api/v1/leaked-keys",
    body: { secrets: [generateSecret(), generateSecret()], source: "contract test" },
    headers: { "X-Forwarded-For": `198.19.${randomBytes(1)[0]}.${randomBytes(1)[0]}` },
  }),
  "GET /.well-known/api-key-format": async () => ({ path: "/.well-known/api-key-format" }),
  "POST /api/v1/users": async () => ({ path: "/api/v1/users", body: { username: unique("user") } }),
  "PATCH /api/v1/users/{id}": async (a) => ({
    path: `/api/v1/users/${(await newUser(a)).id}`,
    body: { status: "disabled" },
  }),
  "POST /api/v1/groups": async () => ({ path: "/api/v1/groups", body: { name: unique("group") } }),
  "PATCH /api/v1/groups/{id}": async (a) => ({
    path: `/api/v1/groups/${(await newGroup(a)).id}`,
    body: { description: "changed" },
  }),
  "POST /api/v1/groups/{id}/users": async (a, own) => ({
    path: `/api/v1/groups/${(await newGroup(a)).id}/users`,
    body: { userId: (await newUser(own)).id, priority: 3 },
  }),
  "DELETE /api/v1/groups/{id}/users/{userId}": async (a) => {
    const group = await newGroup(a);
    const user = await newUser(a);
    await expectJson(
      await a.owner(`/api/v1/groups/${group.id}/users`, { method: "POST", json: { userId: user.id } }),
      200,
    );
    return { path: `/api/v1/groups/${group.id}/users/${user.id}` };
  },
  "POST /api/v1/networks": async () => ({ path: "/api/v1/networks", body: { name: unique("net"), ssid: "Office" } }),
  "PATCH /api/v1/networks/{id}": async (a) => ({
    path: `/api/v1/networks/${(await newNetwork(a)).id}`,
    body: { ssid: "Office-5G" },
  }),
  "POST /api/v1/vouchers": async () => ({ path: "/api/v1/vouchers", body: { validitySeconds: 600, prefix: "EVT" } }),
  "PATCH /api/v1/vouchers/{id}": async (a) => ({
    path: `/api/v1/vouchers/${(await newVoucher(a)).id}`,
    body: { usageLimit: 5 },
  }),
  "POST /api/v1/vouchers/batch": async () => ({
    path: "/api/v1/vouchers/batch",
    body: { count: 3, validitySeconds: 600 },
  }),
  "POST /api/v1/roles": async () => ({
    path: "/api/v1/roles",
    body: { name: unique("role"), permissions: { users: "READ" } },
  }),
  "PATCH /api/v1/roles/{id}": async (a) => ({
    path: `/api/v1/roles/${(await newRole(a)).id}`,
    body: { permissions: { users: "FULL" } },
  }),
  "POST /api/v1/team": async (_, own) => ({
    path: "/api/v1/team",
    body: { name: "New", email: `${unique("n")}@example.com`, roleId: await readOnlyRoleId(own) },
  }),
  "PATCH /api/v1/team/{id}": async (a) => ({
    path: `/api/v1/team/${(await newMember(a)).id}`,
    body: { name: "Renamed" },
  }),
  "POST /api/v1/team/{id}/invitation": async (a) => ({ path: `/api/v1/team/${(await newMember(a)).id}/invitation` }),
  "GET /api/v1/audit-log": async () => ({ path: "/api/v1/audit-log" }),
  "POST /api/v1/webhooks": async () => ({
    path: "/api/v1/webhooks",
    body: { url: NOWHERE, events: ["api_key.deleted"], enabled: false },
  }),
  "GET /api/v1/webhooks/{id}": async (a) => ({ path: `/api/v1/webhooks/${(await webhookOf(a)).id}` }),
  "PATCH /api/v1/webhooks/{id}": async (a) => ({
    path: `/api/v1/webhooks/${(await webhookOf(a)).id}`,
    body: { description: "changed" },
  }),
  "DELETE /api/v1/webhooks/{id}": async (a) => ({ path: `/api/v1/webhooks/${(await newWebhook(a)).id}` }),
  "POST /api/v1/webhooks/{id}/roll-secret": async (a) => ({
    path: `/api/v1/webhooks/${(await webhookOf(a)).id}/roll-secret`,
  }),
  "POST /api/v1/webhooks/{id}/test": async (a) => ({ path: `/api/v1/webhooks/${(await webhookOf(a)).id}/test` }),
  "GET /api/v1/webhooks/{id}/deliveries": async (a) => ({
    path: `/api/v1/webhooks/${(await webhookOf(a)).id}/deliveries`,
  }),
  "POST /api/v1/webhooks/{id}/resend": async (a) => {
    const { id, eventId } = await webhookOf(a);
    return { path: `/api/v1/webhooks/${id}/resend`, body: { eventId } };
  },
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

export function sampleFor(method: string, path: string): Sample {
  const listed = SAMPLES[`${method} ${path}`];
  if (listed) return listed;
  const match = /^\/api\/v1\/([a-z-]+)(\/\{id\})?$/.exec(path);
  if (!match) throw new Error(`no sample request for ${method} ${path}`);
  const [, name, item] = match;
  if (!item) return async () => ({ path });
  return async (a) => ({ path: `/api/v1/${name}/${(await FIXTURES[name](a)).id}` });
}
