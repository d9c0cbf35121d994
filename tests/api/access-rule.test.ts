import { beforeAll, describe, expect, inject, it } from "vitest";
import { AREA_NAMES, type Area } from "@/lib/permissions";
import { actionJson, callAction } from "../helpers/portal";
import {
  addMember,
  invite,
  createKeyWithRole,
  createRole,
  expectJson,
  newAccount,
  roleNamed,
  unique,
  type Call,
  type TestAccount,
} from "../helpers/account";

const baseUrl = inject("baseUrl");
type Member = { id: string; email: string; role?: { id: string; name: string } };

let account: TestAccount;
let ownerRoleId: string;
const allFull = Object.fromEntries(AREA_NAMES.map((area) => [area, area === "audit_log" ? "READ" : "FULL"])) as Record<
  Area,
  string
>;

beforeAll(async () => {
  account = await newAccount(baseUrl, "Hierarchy Org");
  ownerRoleId = (await roleNamed(account.owner, "Owner")).id;
});

// A member in the account with this role (invited: the access rule applies to them all the same).
async function inviteMember(roleId: string, name = "Someone"): Promise<Member> {
  return invite(account.owner, roleId, undefined, name);
}

describe("nobody touches a key, role or member stronger than themselves", () => {
  it("refuses a key with only API Keys: Full renaming, demoting or deleting an Owner key", async () => {
    const keysAdmin = await createRole(account.owner, { api_keys: "FULL" });
    const { call } = await createKeyWithRole(baseUrl, account.owner, keysAdmin.id);
    const ownerKey = await createKeyWithRole(baseUrl, account.owner, ownerRoleId, "precious owner key");
    const path = `/api/v1/api-keys/${ownerKey.keyId}`;
    for (const [method, json] of [
      ["PATCH", { name: "pwned" }],
      ["PATCH", { roleId: keysAdmin.id }],
      ["DELETE", undefined],
    ] as const) {
      const response = await call(path, { method, json });
      expect(response.status, `${method} ${JSON.stringify(json)}`).toBe(403);
      const body = await response.json();
      expect(body.error.code).toBe("forbidden");
      expect(body.error.message).toMatch(/more access than you\. Too high in: Users/);
      expect(body.error.areas).toContain("users");
    }
    expect(await expectJson(await ownerKey.call("/api/v1/whoami"), 200)).toMatchObject({
      name: "precious owner key",
      role: { name: "Owner" },
    });
  });

  it("refuses a key with only Roles: Full stripping a custom all-Full role", async () => {
    const rolesAdmin = await createRole(account.owner, { roles: "FULL" });
    const { call } = await createKeyWithRole(baseUrl, account.owner, rolesAdmin.id);
    const strong = await createRole(account.owner, allFull);
    expect((await call(`/api/v1/roles/${strong.id}`, { method: "PATCH", json: { permissions: {} } })).status).toBe(403);
    expect((await call(`/api/v1/roles/${strong.id}`, { method: "PATCH", json: { name: "renamed" } })).status).toBe(403);
    expect((await call(`/api/v1/roles/${strong.id}`, { method: "DELETE" })).status).toBe(403);
    const after = await expectJson<{ permissions: Record<string, string> }>(
      await account.owner(`/api/v1/roles/${strong.id}`),
      200,
    );
    expect(after.permissions.users).toBe("FULL");
  });

  it("gives the portal and the API the same answer for weaker, equal and stronger targets", async () => {
    // The actor: a role with Full Access to keys, roles and team, and nothing else.
    const actorPermissions = { api_keys: "FULL", roles: "FULL", team: "FULL" };
    const actorRole = await createRole(account.owner, actorPermissions);
    const actorKey = await createKeyWithRole(baseUrl, account.owner, actorRole.id, "actor key");
    const { cookie } = await addMember(baseUrl, account.owner, actorRole.id, "Actor");
    const targetsBy = {
      weaker: () => createRole(account.owner, { api_keys: "READ" }),
      equal: () => createRole(account.owner, actorPermissions),
      stronger: () => createRole(account.owner, allFull),
    };
    type Outcome = { api: number; portal: boolean };
    const results: string[] = [];
    const check = (label: string, relation: string, outcome: Outcome) => {
      const allowed = relation !== "stronger";
      const apiAllowed = outcome.api < 300;
      if (apiAllowed !== allowed || outcome.portal !== allowed || (!allowed && outcome.api !== 403)) {
        results.push(`${label} ${relation}: API ${outcome.api}, portal ${outcome.portal ? "ok" : "refused"}`);
      }
    };
    const portal = async (name: string, input: unknown, page: string) =>
      (await actionJson<{ ok: boolean }>(await callAction(baseUrl, name, [input], cookie, page))).ok;

    for (const [relation, makeRole] of Object.entries(targetsBy)) {
      // Keys with a weaker, equal or stronger role.
      const keyRole = await makeRole();
      const [apiKey, portalKey] = [
        await createKeyWithRole(baseUrl, account.owner, keyRole.id, unique("target")),
        await createKeyWithRole(baseUrl, account.owner, keyRole.id, unique("target")),
      ];
      check("key rename", relation, {
        api: (await actorKey.call(`/api/v1/api-keys/${apiKey.keyId}`, { method: "PATCH", json: { name: unique("k") } }))
          .status,
        portal: await portal(
          "updateApiKeyAction",
          { keyId: portalKey.keyId, name: unique("k"), roleId: keyRole.id },
          "/api-keys",
        ),
      });
      check("key delete", relation, {
        api: (await actorKey.call(`/api/v1/api-keys/${apiKey.keyId}`, { method: "DELETE" })).status,
        portal: await portal("deleteApiKeyAction", { keyId: portalKey.keyId }, "/api-keys"),
      });
      // Roles that are weaker, equal or stronger (unused, so deleting is allowed by usage).
      const [apiRole, portalRole] = [await makeRole(), await makeRole()];
      const current = await expectJson<{ permissions: Record<string, string> }>(
        await account.owner(`/api/v1/roles/${portalRole.id}`),
        200,
      );
      check("role rename", relation, {
        api: (await actorKey.call(`/api/v1/roles/${apiRole.id}`, { method: "PATCH", json: { name: unique("r") } }))
          .status,
        portal: await portal(
          "saveRoleAction",
          { id: portalRole.id, name: unique("r"), permissions: current.permissions },
          "/roles",
        ),
      });
      check("role delete", relation, {
        api: (await actorKey.call(`/api/v1/roles/${apiRole.id}`, { method: "DELETE" })).status,
        portal: await portal("deleteRoleAction", { id: portalRole.id }, "/roles"),
      });
      // Members with a weaker, equal or stronger role.
      const [apiMember, portalMember] = [await inviteMember(keyRole.id), await inviteMember(keyRole.id)];
      check("member change", relation, {
        api: (await actorKey.call(`/api/v1/team/${apiMember.id}`, { method: "PATCH", json: { roleId: keyRole.id } }))
          .status,
        portal: await portal("updateMemberAction", { id: portalMember.id, roleId: keyRole.id }, "/team"),
      });
      check("member remove", relation, {
        api: (await actorKey.call(`/api/v1/team/${apiMember.id}`, { method: "DELETE" })).status,
        portal: await portal("removeMemberAction", { id: portalMember.id }, "/team"),
      });
    }
    expect(results).toEqual([]);
  }, 120_000);

  it("never leaves the account without an Owner when Owners are demoted at the same moment (10 rounds)", async () => {
    for (let round = 0; round < 10; round++) {
      const fresh = await newAccount(baseUrl, `Owners ${round}`);
      const ownerRole = await roleNamed(fresh.owner, "Owner");
      const readOnly = await roleNamed(fresh.owner, "Read Only");
      for (const name of ["Second", "Third"]) await addMember(baseUrl, fresh.owner, ownerRole.id, name);
      const { items } = await expectJson<{ items: Member[] }>(await fresh.owner("/api/v1/team"), 200);
      expect(items.filter((member) => member.role?.id === ownerRole.id)).toHaveLength(3);
      const statuses = await Promise.all(
        items.map(async (member) => (await demote(fresh.owner, member.id, readOnly.id)).status),
      );
      const after = await expectJson<{ items: Member[] }>(await fresh.owner("/api/v1/team"), 200);
      const owners = after.items.filter((member) => member.role?.id === ownerRole.id).length;
      expect(owners, `round ${round}: ${statuses.join(", ")}`).toBe(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(1);
      expect(statuses.filter((status) => status === 200)).toHaveLength(2);
    }
  }, 120_000);
});

function demote(call: Call, memberId: string, roleId: string) {
  return call(`/api/v1/team/${memberId}`, { method: "PATCH", json: { roleId } });
}
