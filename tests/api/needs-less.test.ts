import { beforeAll, describe, expect, inject, it } from "vitest";
import {
  addMember,
  createKeyWithRole,
  createRole,
  expectJson,
  newAccount,
  roleNamed,
  type TestAccount,
} from "../helpers/account";
import { setServerClock } from "../helpers/clock";
import { actionJson, callAction } from "../helpers/portal";

const baseUrl = inject("baseUrl");

type Result = { ok: true; role: { id: string; name: string }; created: boolean } | { ok: false; error: string };
type Role = { id: string; name: string; permissions: Record<string, string> };

let account: TestAccount;
let ownerRoleId: string;

beforeAll(async () => {
  account = await newAccount(baseUrl, "Needs Less");
  ownerRoleId = (await roleNamed(account.owner, "Owner")).id;
});

const narrow = async (keyId: string, cookie = account.session.cookie) =>
  actionJson<Result>(await callAction(baseUrl, "narrowKeyRoleAction", [{ keyId }], cookie, `/api-keys/${keyId}`));

// Usage is written every 5 s; moving the test clock by 0 writes it at once.
const flush = () => setServerClock(baseUrl, 0);

async function ownerKeyThatReadsUsers(name: string) {
  const key = await createKeyWithRole(baseUrl, account.owner, ownerRoleId, name);
  for (const path of ["/api/v1/users", "/api/v1/users?pageSize=5", "/api/v1/whoami"]) {
    expect((await key.call(path)).status).toBe(200);
  }
  // A 403 used nothing; a 404 of a read still needs the read.
  return key;
}

describe('"this key needs less"', () => {
  it("moves a key that only read users to a role with Users: Read only, then reuses that role", async () => {
    const key = await ownerKeyThatReadsUsers("reads users");
    await flush();
    const result = await narrow(key.keyId);
    if (!result.ok) throw new Error(result.error);
    expect(result.created).toBe(true);
    const role = await expectJson<Role>(await account.owner(`/api/v1/roles/${result.role.id}`), 200);
    expect(Object.entries(role.permissions).filter(([, level]) => level !== "NONE")).toEqual([["users", "READ"]]);
    expect(role.name).toBe("Users: Read");
    const detail = await expectJson<{ role: { id: string } }>(
      await account.owner(`/api/v1/api-keys/${key.keyId}`),
      200,
    );
    expect(detail.role.id).toBe(result.role.id);
    // The key keeps working for what it did, and is refused more.
    expect((await key.call("/api/v1/users")).status).toBe(200);
    expect((await key.call("/api/v1/roles")).status).toBe(403);
    // Nothing more to narrow now.
    await flush();
    const again = await narrow(key.keyId);
    expect(again).toMatchObject({ ok: false });

    // A second key with the same usage gets the same role, not a new one.
    const second = await ownerKeyThatReadsUsers("reads users too");
    await flush();
    expect(await narrow(second.keyId)).toMatchObject({ ok: true, created: false, role: { id: result.role.id } });

    // Both changes are in the audit log.
    const events = await expectJson<{ items: { action: string }[] }>(
      await account.owner(`/api/v1/audit-log?targetId=${key.keyId}`),
      200,
    );
    expect(events.items.map((event) => event.action)).toContain("api_key.update");
  });

  it("is refused without API Keys: Full, and to another account", async () => {
    const key = await ownerKeyThatReadsUsers("guarded");
    await flush();
    const viewer = await createRole(account.owner, { api_keys: "READ" });
    const member = await addMember(baseUrl, account.owner, viewer.id);
    expect(await narrow(key.keyId, member.cookie)).toMatchObject({ ok: false });
    const other = await newAccount(baseUrl, "Needs Less Other");
    expect(await narrow(key.keyId, other.session.cookie)).toMatchObject({ ok: false });
    const detail = await expectJson<{ role: { id: string } }>(
      await account.owner(`/api/v1/api-keys/${key.keyId}`),
      200,
    );
    expect(detail.role.id).toBe(ownerRoleId);
  });

  it("proposes nothing narrower for a key whose role is already what it uses", async () => {
    const usersRead = await createRole(account.owner, { users: "READ" });
    const key = await createKeyWithRole(baseUrl, account.owner, usersRead.id, "already narrow");
    expect((await key.call("/api/v1/users")).status).toBe(200);
    expect((await key.call("/api/v1/groups")).status).toBe(403);
    await flush();
    expect(await narrow(key.keyId)).toMatchObject({ ok: false });
  });
});
