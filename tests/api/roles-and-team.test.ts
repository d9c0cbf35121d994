import { beforeAll, describe, expect, inject, it } from "vitest";
import { actionJson, callAction } from "../helpers/portal";
import {
  acceptInvitation,
  addMember,
  createKeyWithRole,
  invite,
  createRole,
  expectJson,
  newAccount,
  roleNamed,
  unique,
  type TestAccount,
} from "../helpers/account";

const baseUrl = inject("baseUrl");
type Role = { id: string; name: string; builtIn: boolean; usage: { members: number; apiKeys: number } };
type Member = { id: string; email: string; role: { id: string; name: string } };

let account: TestAccount;
let roleByName: (name: string) => Promise<Role>;

beforeAll(async () => {
  account = await newAccount(baseUrl, "Roles Org");
  roleByName = (name) => roleNamed<Role>(account.owner, name);
});

describe("roles", () => {
  it("refuses to create or save a role above the caller's own permissions, by API and by server action", async () => {
    const manager = await createRole(account.owner, { roles: "FULL", users: "READ", api_keys: "READ" });
    const { call } = await createKeyWithRole(baseUrl, account.owner, manager.id);
    const tooHigh = await call("/api/v1/roles", {
      method: "POST",
      json: { name: unique("r"), permissions: { users: "FULL" } },
    });
    expect(tooHigh.status).toBe(403);
    expect((await tooHigh.json()).error.message).toContain("Users");
    const fine = await call("/api/v1/roles", {
      method: "POST",
      json: { name: unique("r"), permissions: { users: "READ", roles: "FULL" } },
    });
    expect(fine.status).toBe(201);
    const saved = await fine.json();
    const raise = await call(`/api/v1/roles/${saved.id}`, {
      method: "PATCH",
      json: { permissions: { groups: "READ" } },
    });
    expect(raise.status).toBe(403);

    // A member with that role, calling the server action directly.
    const { cookie } = await addMember(baseUrl, account.owner, manager.id, "Manager");
    const result = await actionJson<{ ok: boolean; error: string }>(
      await callAction(
        baseUrl,
        "saveRoleAction",
        [{ name: unique("r"), permissions: { users: "FULL" } }],
        cookie,
        "/roles",
      ),
    );
    expect(result).toMatchObject({ ok: false });
    expect(result.error).toContain("Too high in: Users");
    const { items } = await expectJson<{ items: Role[] }>(await account.owner("/api/v1/roles?pageSize=100"), 200);
    expect(items.filter((role) => role.name.startsWith("r-")).length).toBe(1);
  });

  it("refuses Full Access to the read-only audit log", async () => {
    const response = await account.owner("/api/v1/roles", {
      method: "POST",
      json: { name: unique("r"), permissions: { audit_log: "FULL" } },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.fieldErrors["permissions.audit_log"][0]).toMatch(/at most Read/);
  });

  it("deletes a role only when no member and no key uses it, and says how many do", async () => {
    const role = await createRole(account.owner, { users: "READ" });
    const key = await createKeyWithRole(baseUrl, account.owner, role.id);
    await account.owner("/api/v1/team", {
      method: "POST",
      json: { name: "User", email: `${unique("u")}@example.com`, roleId: role.id },
    });
    const refused = await account.owner(`/api/v1/roles/${role.id}`, { method: "DELETE" });
    expect(refused.status).toBe(409);
    const body = await refused.json();
    expect(body.error.message).toContain("1 team member and 1 API key");
    expect(body.error.usage).toEqual({ members: 1, apiKeys: 1 });

    const lone = await createRole(account.owner, { users: "READ" });
    expect((await account.owner(`/api/v1/roles/${lone.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await account.owner(`/api/v1/roles/${lone.id}`)).status).toBe(404);
    expect((await key.call("/api/v1/whoami")).status).toBe(200);
  });

  it("keeps the built-in roles as they are", async () => {
    const owner = await roleByName("Owner");
    const readOnly = await roleByName("Read Only");
    for (const role of [owner, readOnly]) {
      expect(
        (await account.owner(`/api/v1/roles/${role.id}`, { method: "PATCH", json: { name: "Mine" } })).status,
      ).toBe(403);
      expect((await account.owner(`/api/v1/roles/${role.id}`, { method: "DELETE" })).status).toBe(403);
    }
  });

  it("applies a permission change to the very next request of every key with the role", async () => {
    const role = await createRole(account.owner, { users: "READ" });
    const first = await createKeyWithRole(baseUrl, account.owner, role.id);
    const second = await createKeyWithRole(baseUrl, account.owner, role.id);
    for (const key of [first, second]) {
      expect((await key.call("/api/v1/users", { method: "POST", json: { username: unique("u") } })).status).toBe(403);
    }
    await expectJson(
      await account.owner(`/api/v1/roles/${role.id}`, { method: "PATCH", json: { permissions: { users: "FULL" } } }),
      200,
    );
    for (const key of [first, second]) {
      expect((await key.call("/api/v1/users", { method: "POST", json: { username: unique("u") } })).status).toBe(201);
    }
    await expectJson(
      await account.owner(`/api/v1/roles/${role.id}`, { method: "PATCH", json: { permissions: {} } }),
      200,
    );
    expect((await first.call("/api/v1/users")).status).toBe(403);
  });
});

describe("team", () => {
  it("protects the last Owner from removal and demotion", async () => {
    const fresh = await newAccount(baseUrl, "Solo Org");
    const { items } = await expectJson<{ items: Member[] }>(await fresh.owner("/api/v1/team"), 200);
    const [owner] = items;
    const readOnly = await roleNamed(fresh.owner, "Read Only");
    const demote = await fresh.owner(`/api/v1/team/${owner.id}`, { method: "PATCH", json: { roleId: readOnly.id } });
    expect(demote.status).toBe(409);
    expect((await demote.json()).error.message).toContain("last Owner");
    expect((await fresh.owner(`/api/v1/team/${owner.id}`, { method: "DELETE" })).status).toBe(409);

    // An invited Owner can't sign in yet, so doesn't count; once they accepted, they do.
    const ownerRole = await roleNamed(fresh.owner, "Owner");
    const invited = await invite(fresh.owner, ownerRole.id);
    expect(invited.status).toBe("invited");
    expect(
      (await fresh.owner(`/api/v1/team/${owner.id}`, { method: "PATCH", json: { roleId: readOnly.id } })).status,
    ).toBe(409);
    await acceptInvitation(baseUrl, invited.invitationUrl, `violet kettle ${unique("p")} marmalade`);
    expect(
      (await fresh.owner(`/api/v1/team/${owner.id}`, { method: "PATCH", json: { roleId: readOnly.id } })).status,
    ).toBe(200);
  });

  it("refuses to give a member a role above one's own", async () => {
    const teamLead = await createRole(account.owner, { team: "FULL", users: "READ" });
    const { call } = await createKeyWithRole(baseUrl, account.owner, teamLead.id);
    const owner = await roleByName("Owner");
    const response = await call("/api/v1/team", {
      method: "POST",
      json: { name: "Sneaky", email: `${unique("s")}@example.com`, roleId: owner.id },
    });
    expect(response.status).toBe(403);
  });

  it("ends a removed member's access on their next request", async () => {
    const readOnly = await roleByName("Read Only");
    const member = await addMember(baseUrl, account.owner, readOnly.id, "Leaver");
    expect(JSON.stringify(await (await account.owner(`/api/v1/team/${member.id}`)).json())).not.toContain(
      member.invitationUrl,
    );
    const { cookie } = member;
    const before = await fetch(`${baseUrl}/api-keys`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(before.status).toBe(200);

    expect((await account.owner(`/api/v1/team/${member.id}`, { method: "DELETE" })).status).toBe(204);
    const after = await fetch(`${baseUrl}/api-keys`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(after.status).toBe(307);
    expect(after.headers.get("location")).toContain("/sign-in");
    const action = await actionJson<{ ok: boolean; error: string }>(
      await callAction(baseUrl, "deleteApiKeyAction", [{ keyId: account.ownerKey.keyId }], cookie),
    );
    expect(action).toEqual({ ok: false, error: "Your session has ended. Sign in again." });
  });

  it("applies a demotion to the member's next request", async () => {
    const writer = await createRole(account.owner, { api_keys: "FULL" });
    const member = await addMember(baseUrl, account.owner, writer.id, "Demoted");
    const { cookie } = member;
    const readOnly = await roleByName("Read Only");
    await expectJson(
      await account.owner(`/api/v1/team/${member.id}`, { method: "PATCH", json: { roleId: readOnly.id } }),
      200,
    );
    const result = await actionJson<{ ok: boolean; error: string }>(
      await callAction(baseUrl, "createApiKeyAction", [{ name: "after demotion", roleId: readOnly.id }], cookie),
    );
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/needs Full Access/);
  });
});

describe("the account's resources", () => {
  it("keeps usernames unique per account (409) and validates fields (400)", async () => {
    const username = unique("ada");
    await expectJson(
      await account.owner("/api/v1/users", { method: "POST", json: { username, email: "ada@example.com" } }),
      201,
    );
    const clash = await account.owner("/api/v1/users", { method: "POST", json: { username } });
    expect(clash.status).toBe(409);
    expect((await clash.json()).error.message).toBe("A user with this username already exists.");
    const other = await newAccount(baseUrl, "Other Users Org");
    expect((await other.owner("/api/v1/users", { method: "POST", json: { username } })).status).toBe(201);
    const bad = await account.owner("/api/v1/users", {
      method: "POST",
      json: { username: "has space", email: "nope", status: "maybe" },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fieldErrors).sort()).toEqual(["email", "status", "username"]);
  });

  it("manages group members with priorities", async () => {
    const group = await expectJson<{ id: string }>(
      await account.owner("/api/v1/groups", { method: "POST", json: { name: unique("staff") } }),
      201,
    );
    const user = await expectJson<{ id: string; username: string }>(
      await account.owner("/api/v1/users", { method: "POST", json: { username: unique("bob") } }),
      201,
    );
    const added = await expectJson<{ members: { userId: string; priority: number }[] }>(
      await account.owner(`/api/v1/groups/${group.id}/users`, {
        method: "POST",
        json: { userId: user.id, priority: 2 },
      }),
      200,
    );
    expect(added.members).toEqual([{ userId: user.id, username: user.username, priority: 2 }]);
    const badPriority = await account.owner(`/api/v1/groups/${group.id}/users`, {
      method: "POST",
      json: { userId: user.id, priority: 11 },
    });
    expect(badPriority.status).toBe(400);
    expect((await account.owner(`/api/v1/groups/${group.id}/users/${user.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await account.owner(`/api/v1/groups/${group.id}/users/${user.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("makes up to 1,000 vouchers in one transaction, with unique codes", async () => {
    const batch = await expectJson<{ items: { code: string }[]; total: number }>(
      await account.owner("/api/v1/vouchers/batch", {
        method: "POST",
        json: { count: 1000, prefix: "CONF", validitySeconds: 86400, usageLimit: 2 },
      }),
      201,
    );
    expect(batch.total).toBe(1000);
    expect(new Set(batch.items.map((voucher) => voucher.code)).size).toBe(1000);
    expect(batch.items.every((voucher) => /^CONF-[A-Z0-9]{10}$/.test(voucher.code))).toBe(true);
    // A page past the end is counted exactly (totals stop counting at 1,000 otherwise).
    const exactCount = "/api/v1/vouchers?pageSize=100&page=100000";
    const before = (await expectJson<{ total: number }>(await account.owner(exactCount), 200)).total;
    expect(before).toBeGreaterThanOrEqual(1000);
    const tooMany = await account.owner("/api/v1/vouchers/batch", {
      method: "POST",
      json: { count: 1001, validitySeconds: 600 },
    });
    expect(tooMany.status).toBe(400);
    expect((await expectJson<{ total: number }>(await account.owner(exactCount), 200)).total).toBe(before);
  });

  it("caps the page size and keeps a stable order", async () => {
    expect((await account.owner("/api/v1/vouchers?pageSize=101")).status).toBe(400);
    const first = await expectJson<{ items: { id: string }[] }>(
      await account.owner("/api/v1/vouchers?pageSize=100&page=3"),
      200,
    );
    const again = await expectJson<{ items: { id: string }[] }>(
      await account.owner("/api/v1/vouchers?pageSize=100&page=3"),
      200,
    );
    expect(first.items.map((item) => item.id)).toEqual(again.items.map((item) => item.id));
  });

  it("refuses a wrong content type (415) and an oversized body (413) on every resource", async () => {
    for (const name of ["users", "groups", "networks", "vouchers", "roles", "team"]) {
      const form = await account.owner(`/api/v1/${name}`, {
        method: "POST",
        body: "a=b",
        headers: { "Content-Type": "text/plain" },
      });
      expect(form.status, name).toBe(415);
      const huge = await account.owner(`/api/v1/${name}`, { method: "POST", json: { pad: "x".repeat(70_000) } });
      expect(huge.status, name).toBe(413);
    }
  });
});
