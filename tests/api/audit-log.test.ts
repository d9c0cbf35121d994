import { Client } from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { actionJson, callAction, signIn } from "../helpers/portal";
import { createRole, expectJson, newAccount, roleNamed, unique, type TestAccount } from "../helpers/account";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("databaseUrl");

type Event = {
  id: string;
  createdAt: string;
  actor: { type: string; id: string | null; name: string };
  action: string;
  target: { type: string; id: string | null; name: string | null };
  changes: Record<string, { from: unknown; to: unknown }> | null;
  clientAddress: string | null;
  userAgent: string | null;
  requestId: string | null;
};
type Expected = {
  action: string;
  by: "key" | "member" | "anonymous";
  target: string;
  changes?: Record<string, [unknown, unknown]>;
};

let account: TestAccount;

beforeAll(async () => {
  account = await newAccount(baseUrl, "Audit Org");
});

async function events(call = account.owner, query = "pageSize=100"): Promise<{ items: Event[]; total: number }> {
  return expectJson(await call(`/api/v1/audit-log?${query}`), 200);
}

describe("the audit log", () => {
  it("records exactly one event per change, with actor, target and before → after, for 30+ mixed changes", async () => {
    const { owner, ownerKey, session } = account;
    const before = (await events()).total;
    const expected: Expected[] = [];
    const call = async (method: string, path: string, json?: unknown, status = 200) => {
      const response = await owner(path, { method, json });
      return expectJson<Record<string, string>>(response, status);
    };
    const readOnly = await roleNamed(owner, "Read Only");

    const role = await call("POST", "/api/v1/roles", { name: "Support", permissions: { users: "READ" } }, 201);
    expected.push({
      action: "role.create",
      by: "key",
      target: "Support",
      changes: { name: [null, "Support"], "permissions.users": [null, "READ"] },
    });
    await call("PATCH", `/api/v1/roles/${role.id}`, { permissions: { users: "FULL", groups: "READ" } });
    expected.push({
      action: "role.update",
      by: "key",
      target: "Support",
      changes: { "permissions.users": ["READ", "FULL"], "permissions.groups": ["NONE", "READ"] },
    });
    const key = await call("POST", "/api/v1/api-keys", { name: "ci", roleId: role.id }, 201);
    expected.push({
      action: "api_key.create",
      by: "key",
      target: "ci",
      changes: { name: [null, "ci"], role: [null, "Support"] },
    });
    await call("PATCH", `/api/v1/api-keys/${key.keyId}`, { name: "ci-2" });
    expected.push({ action: "api_key.update", by: "key", target: "ci-2", changes: { name: ["ci", "ci-2"] } });
    await call("PATCH", `/api/v1/api-keys/${key.keyId}`, { roleId: readOnly.id });
    expected.push({ action: "api_key.update", by: "key", target: "ci-2", changes: { role: ["Support", "Read Only"] } });
    await call("PATCH", `/api/v1/api-keys/${key.keyId}`, { roleId: role.id });
    expected.push({ action: "api_key.update", by: "key", target: "ci-2", changes: { role: ["Read Only", "Support"] } });
    await call("DELETE", `/api/v1/api-keys/${key.keyId}`, undefined, 204);
    expected.push({
      action: "api_key.delete",
      by: "key",
      target: "ci-2",
      changes: { name: ["ci-2", null], role: ["Support", null] },
    });
    const email = `${unique("eve")}@example.com`;
    const member = await call("POST", "/api/v1/team", { name: "Eve", email, roleId: readOnly.id }, 201);
    expected.push({ action: "invitation.create", by: "key", target: email, changes: { role: [null, "Read Only"] } });
    await call("PATCH", `/api/v1/team/${member.id}`, { roleId: role.id });
    expected.push({ action: "member.update", by: "key", target: email, changes: { role: ["Read Only", "Support"] } });
    const user = await call("POST", "/api/v1/users", { username: "alice" }, 201);
    expected.push({ action: "user.create", by: "key", target: "alice", changes: { username: [null, "alice"] } });
    await call("PATCH", `/api/v1/users/${user.id}`, { status: "disabled" });
    expected.push({ action: "user.update", by: "key", target: "alice", changes: { status: ["enabled", "disabled"] } });
    const group = await call("POST", "/api/v1/groups", { name: "Staff" }, 201);
    expected.push({ action: "group.create", by: "key", target: "Staff", changes: { name: [null, "Staff"] } });
    await call("PATCH", `/api/v1/groups/${group.id}`, { description: "Everyone on payroll" });
    expected.push({
      action: "group.update",
      by: "key",
      target: "Staff",
      changes: { description: ["", "Everyone on payroll"] },
    });
    await call("POST", `/api/v1/groups/${group.id}/users`, { userId: user.id, priority: 3 });
    expected.push({ action: "group.member_add", by: "key", target: "Staff", changes: { "members.alice": [null, 3] } });
    await call("DELETE", `/api/v1/groups/${group.id}/users/${user.id}`, undefined, 204);
    expected.push({
      action: "group.member_remove",
      by: "key",
      target: "Staff",
      changes: { "members.alice": [3, null] },
    });
    const network = await call("POST", "/api/v1/networks", { name: "Office", ssid: "Office" }, 201);
    expected.push({ action: "network.create", by: "key", target: "Office", changes: { ssid: [null, "Office"] } });
    await call("PATCH", `/api/v1/networks/${network.id}`, { ssid: "Office-5G" });
    expected.push({
      action: "network.update",
      by: "key",
      target: "Office",
      changes: { ssid: ["Office", "Office-5G"] },
    });
    const voucher = await call("POST", "/api/v1/vouchers", { validitySeconds: 3600 }, 201);
    expected.push({
      action: "voucher.create",
      by: "key",
      target: voucher.code,
      changes: { validitySeconds: [null, 3600] },
    });
    await call("PATCH", `/api/v1/vouchers/${voucher.id}`, { usageLimit: 5 });
    expected.push({ action: "voucher.update", by: "key", target: voucher.code, changes: { usageLimit: [1, 5] } });
    await call("POST", "/api/v1/vouchers/batch", { count: 5, validitySeconds: 600 }, 201);
    expected.push({ action: "voucher.batch_create", by: "key", target: "5 vouchers", changes: { count: [null, 5] } });
    await call("DELETE", `/api/v1/vouchers/${voucher.id}`, undefined, 204);
    expected.push({ action: "voucher.delete", by: "key", target: voucher.code, changes: { usageLimit: [5, null] } });
    await call("DELETE", `/api/v1/networks/${network.id}`, undefined, 204);
    expected.push({ action: "network.delete", by: "key", target: "Office", changes: { ssid: ["Office-5G", null] } });
    await call("DELETE", `/api/v1/groups/${group.id}`, undefined, 204);
    expected.push({ action: "group.delete", by: "key", target: "Staff", changes: { name: ["Staff", null] } });
    await call("DELETE", `/api/v1/users/${user.id}`, undefined, 204);
    expected.push({ action: "user.delete", by: "key", target: "alice", changes: { username: ["alice", null] } });
    await call("DELETE", `/api/v1/team/${member.id}`, undefined, 204);
    expected.push({ action: "invitation.revoke", by: "key", target: email, changes: { role: ["Support", null] } });
    // A deleted key had this role: the role goes, the deleted key's row stays.
    await call("DELETE", `/api/v1/roles/${role.id}`, undefined, 204);
    expected.push({ action: "role.delete", by: "key", target: "Support", changes: { name: ["Support", null] } });

    // The same writer behind the portal's server actions, acting as the signed-in member.
    const act = async (name: string, input: unknown, page = "/api-keys") => {
      const result = await actionJson<{ ok: boolean; error?: string; key?: { keyId: string } }>(
        await callAction(baseUrl, name, [input], session.cookie, page),
      );
      expect(result.ok, `${name}: ${result.error}`).toBe(true);
      return result;
    };
    const created = await act("createApiKeyAction", { name: "portal key", roleId: readOnly.id });
    expected.push({
      action: "api_key.create",
      by: "member",
      target: "portal key",
      changes: { name: [null, "portal key"] },
    });
    await act("updateApiKeyAction", { keyId: created.key!.keyId, name: "portal key 2", roleId: readOnly.id });
    expected.push({
      action: "api_key.update",
      by: "member",
      target: "portal key 2",
      changes: { name: ["portal key", "portal key 2"] },
    });
    await act("deleteApiKeyAction", { keyId: created.key!.keyId });
    expected.push({ action: "api_key.delete", by: "member", target: "portal key 2" });
    const saved = await actionJson<{ ok: boolean; role: { id: string } }>(
      await callAction(
        baseUrl,
        "saveRoleAction",
        [{ name: "Auditors", permissions: { audit_log: "READ" } }],
        session.cookie,
        "/roles",
      ),
    );
    expect(saved.ok).toBe(true);
    expected.push({
      action: "role.create",
      by: "member",
      target: "Auditors",
      changes: { "permissions.audit_log": [null, "READ"] },
    });
    await act("deleteRoleAction", { id: saved.role.id }, "/roles");
    expected.push({ action: "role.delete", by: "member", target: "Auditors" });

    // Sign-in, a failed sign-in and sign-out.
    const failed = new FormData();
    failed.set("email", session.email);
    failed.set("password", "not the password at all");
    const refused = await actionJson<{ ok: boolean }>(
      await callAction(baseUrl, "signInAction", [null, failed], "", "/sign-in"),
    );
    expect(refused.ok).toBe(false);
    expected.push({ action: "member.sign_in_failed", by: "anonymous", target: session.email });
    // Written after the answer (lib/auth/session-events.ts), dated when it happened.
    await expect
      .poll(async () => (await (await owner("/api/v1/audit-log?action=member.sign_in_failed")).json()).items.length)
      .toBe(1);
    const { cookie } = await signIn(baseUrl, session.email, session.password);
    expected.push({ action: "member.sign_in", by: "member", target: session.email });
    await (await callAction(baseUrl, "signOutAction", [], cookie!)).text();
    expected.push({ action: "member.sign_out", by: "member", target: session.email });

    expect(expected.length).toBeGreaterThanOrEqual(30);
    const after = await events();
    expect(after.total - before).toBe(expected.length);
    const recorded = after.items.slice(0, expected.length).reverse();
    const mismatches: string[] = [];
    recorded.forEach((event, index) => {
      const want = expected[index];
      const actorOk =
        want.by === "key"
          ? event.actor.type === "api_key" && event.actor.id === ownerKey.keyId && event.actor.name === "owner key"
          : want.by === "member"
            ? event.actor.type === "member" && event.actor.name === session.email
            : event.actor.type === "anonymous" && event.actor.name === session.email;
      if (event.action !== want.action || event.target.name !== want.target || !actorOk) {
        mismatches.push(
          `#${index}: expected ${want.action} on ${want.target} by ${want.by}, got ${JSON.stringify(event)}`,
        );
      }
      for (const [field, [from, to]] of Object.entries(want.changes ?? {})) {
        const change = event.changes?.[field];
        if (!change || change.from !== from || change.to !== to) {
          mismatches.push(`#${index} ${want.action}: ${field} expected ${from} → ${to}, got ${JSON.stringify(change)}`);
        }
      }
      if (event.clientAddress !== "127.0.0.1" || !event.userAgent || !event.requestId) {
        mismatches.push(`#${index}: missing request details ${JSON.stringify(event)}`);
      }
    });
    expect(mismatches).toEqual([]);
    const text = JSON.stringify(after.items);
    expect(text).not.toContain(ownerKey.secret);
    expect(text).not.toContain(session.password);
    expect(text).not.toMatch(/\$argon2/);
    // The deleted key whose role was deleted keeps its row: who deleted which Key ID, and when.
    // (Only the server opens the embedded database, so this is read on PostgreSQL.)
    if (databaseUrl) {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      const { rows } = await client.query(
        "SELECT deleted_by_id FROM api_keys WHERE key_id = $1 AND deleted_at IS NOT NULL AND role_id IS NULL",
        [key.keyId],
      );
      await client.end();
      expect(rows).toEqual([{ deleted_by_id: `api_key:${ownerKey.keyId}` }]);
    }
  });

  it("records the sign-up as account.created by the new Owner, listed on the portal's audit log page", async () => {
    const whoami = await expectJson<{ account: { id: string } }>(await account.owner("/api/v1/whoami"), 200);
    const team = await expectJson<{ items: { id: string; email: string }[] }>(await account.owner("/api/v1/team"), 200);
    const owner = team.items.find((member) => member.email === account.session.email)!;
    const { items } = await events(account.owner, "action=account.created");
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      actor: { type: "member", id: owner.id, name: account.session.email },
      target: { type: "account", id: whoami.account.id, name: "Audit Org" },
      changes: { name: { from: null, to: "Audit Org" } },
      clientAddress: "127.0.0.1",
    });
    expect((await events(account.owner, "targetType=account")).items.map((event) => event.action)).toContain(
      "account.created",
    );
    const page = await fetch(`${baseUrl}/audit-log?action=account.created`, {
      headers: { Cookie: account.session.cookie },
    });
    expect(page.status).toBe(200);
    // The events table's Action column, rendered on the server: the words, the code on hover.
    expect(await page.text()).toMatch(/title="account\.created"[^>]*>Account created</);
  });

  it("names the request in X-Request-Id, and the event carries the same id", async () => {
    const response = await account.owner("/api/v1/networks", {
      method: "POST",
      json: { name: unique("net"), ssid: "Guest" },
    });
    expect(response.status).toBe(201);
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const { items } = await events(account.owner, "pageSize=1");
    expect(items[0]).toMatchObject({ action: "network.create", requestId });
    expect((await account.owner("/api/v1/whoami")).headers.get("x-request-id")).toBeTruthy();
  });

  it("filters by actor, action, target and date range", async () => {
    const network = await expectJson<{ id: string; name: string }>(
      await account.owner("/api/v1/networks", { method: "POST", json: { name: unique("filter"), ssid: "F" } }),
      201,
    );
    await account.owner(`/api/v1/networks/${network.id}`, { method: "PATCH", json: { ssid: "G" } });
    const byTarget = await events(account.owner, `targetType=network&targetId=${network.id}`);
    expect(byTarget.items.map((event) => event.action)).toEqual(["network.update", "network.create"]);
    const byAction = await events(account.owner, "action=network.update&pageSize=100");
    expect(byAction.items.every((event) => event.action === "network.update")).toBe(true);
    const byActor = await events(account.owner, `actor=${account.ownerKey.keyId}&pageSize=100`);
    expect(byActor.total).toBeGreaterThan(0);
    expect(byActor.items.every((event) => event.actor.id === account.ownerKey.keyId)).toBe(true);
    const byEmail = await events(account.owner, `actor=${encodeURIComponent(account.session.email.slice(0, 12))}`);
    expect(byEmail.items.every((event) => event.actor.name === account.session.email)).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect((await events(account.owner, `from=${today}&to=${today}&pageSize=1`)).total).toBeGreaterThan(0);
    expect((await events(account.owner, "to=2000-01-01")).total).toBe(0);
    const invalid = await account.owner("/api/v1/audit-log?from=yesterday");
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.fieldErrors.from).toBeTruthy();
  });

  it("answers dates outside 1970–9999 with 400 on the API, the page and the CSV export, and the edges themselves", async () => {
    for (const query of ["from=0000-01-01", "to=0000-01-01", "from=10000-01-01", "to=1969-12-31T23:59:59Z"]) {
      const response = await account.owner(`/api/v1/audit-log?${query}`);
      expect(response.status, query).toBe(400);
      expect(Object.keys((await response.json()).error.fieldErrors), query).toHaveLength(1);
    }
    for (const query of ["from=1970-01-01", "to=9999-12-31", "to=9999-12-31T23:59:59Z"])
      expect((await account.owner(`/api/v1/audit-log?${query}&pageSize=1`)).status, query).toBe(200);
    const cookie = { headers: { Cookie: account.session.cookie } };
    const csv = await fetch(`${baseUrl}/audit-log/export?to=0000-01-01`, cookie);
    expect(csv.status).toBe(400);
    const edge = await fetch(`${baseUrl}/audit-log/export?to=9999-12-31`, cookie);
    expect(edge.status).toBe(200);
    expect((await edge.text()).trim().split("\r\n").length).toBeGreaterThan(1);
    for (const query of ["from=0000-01-01", "to=9999-12-31"]) {
      const page = await fetch(`${baseUrl}/audit-log?${query}`, cookie);
      expect(page.status, query).toBe(200);
      expect(await page.text(), query).not.toContain("Something went wrong");
    }
  });

  it("shows an account only its own events", async () => {
    const other = await newAccount(baseUrl, "Other Audit Org");
    const mine = await events(account.owner, "pageSize=100");
    const theirs = await events(other.owner, "pageSize=100");
    const mineIds = new Set(mine.items.map((event) => event.id));
    expect(theirs.items.some((event) => mineIds.has(event.id))).toBe(false);
    expect(theirs.items.every((event) => event.target.name !== "Support")).toBe(true);
  });

  it("streams the filtered events as CSV to a signed-in member, and refuses without a session", async () => {
    const response = await fetch(`${baseUrl}/audit-log/export?targetType=network`, {
      headers: { Cookie: account.session.cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "time,actor_type,actor_id,actor,action,target_type,target_id,target,changes,client_address,user_agent,request_id",
    );
    const { total } = await events(account.owner, "targetType=network");
    expect(lines.length - 1).toBe(total);
    expect((await fetch(`${baseUrl}/audit-log/export`)).status).toBe(401);
  });

  it("lets a read-only role read it but never write it", async () => {
    const auditor = await createRole(account.owner, { audit_log: "READ" });
    const key = await expectJson<{ secret: string }>(
      await account.owner("/api/v1/api-keys", { method: "POST", json: { name: "auditor", roleId: auditor.id } }),
      201,
    );
    const call = (path: string, init?: RequestInit) =>
      fetch(baseUrl + path, { ...init, headers: { Authorization: `Bearer ${key.secret}` } });
    expect((await call("/api/v1/audit-log")).status).toBe(200);
    expect((await call("/api/v1/audit-log", { method: "DELETE" })).status).not.toBe(204);
  });
});
