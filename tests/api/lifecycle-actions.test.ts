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
import { actionJson, api, callAction } from "../helpers/portal";

// The lifecycle server actions are public POST endpoints too: called raw, as an attacker would.
const baseUrl = inject("baseUrl");
type Result = { ok: boolean; error?: string; secret?: string };

let victim: TestAccount;
let intruder: TestAccount;

beforeAll(async () => {
  [victim, intruder] = await Promise.all([
    newAccount(baseUrl, "Action Victim"),
    newAccount(baseUrl, "Action Intruder"),
  ]);
});

const keyWorks = async () => (await victim.owner("/api/v1/whoami")).status === 200;
const run = async (name: string, input: unknown, cookie = "") =>
  actionJson<Result>(await callAction(baseUrl, name, [input], cookie));

async function memberWith(account: TestAccount, permissions: Record<string, string>) {
  const role = await createRole(account.owner, permissions);
  return (await addMember(baseUrl, account.owner, role.id)).cookie;
}

describe("lifecycle server actions called directly", () => {
  it("refuses roll, disable and the key policy without a session, and changes nothing", async () => {
    const keyId = victim.ownerKey.keyId;
    for (const [name, input] of [
      ["rollApiKeyAction", { keyId, gracePeriod: "now" }],
      ["setApiKeyEnabledAction", { keyId, enabled: false }],
      ["setKeyPolicyAction", { maxKeyLifetimeDays: 1 }],
    ] as const) {
      expect(await run(name, input), name).toMatchObject({
        ok: false,
        error: "Your session has ended. Sign in again.",
      });
    }
    expect(await keyWorks()).toBe(true);
  });

  it("treats another account's Key IDs as not found", async () => {
    const keyId = victim.ownerKey.keyId;
    const cookie = intruder.session.cookie;
    expect(await run("rollApiKeyAction", { keyId, gracePeriod: "now" }, cookie)).toMatchObject({
      ok: false,
      error: "No API key with this Key ID.",
    });
    expect(await run("setApiKeyEnabledAction", { keyId, enabled: false }, cookie)).toMatchObject({
      ok: false,
      error: "No API key with this Key ID.",
    });
    expect(await keyWorks()).toBe(true);
  });

  it("refuses a member with API Keys read access, and a key manager facing a key above their own access", async () => {
    const keyId = victim.ownerKey.keyId;
    const reader = await memberWith(victim, { api_keys: "READ" });
    for (const [name, input] of [
      ["rollApiKeyAction", { keyId, gracePeriod: "now" }],
      ["setApiKeyEnabledAction", { keyId, enabled: false }],
      ["setKeyPolicyAction", { maxKeyLifetimeDays: 1 }],
    ] as const) {
      const result = await run(name, input, reader);
      expect(result.ok, name).toBe(false);
    }
    const manager = await memberWith(victim, { api_keys: "FULL" });
    const roll = await run("rollApiKeyAction", { keyId, gracePeriod: "now" }, manager);
    expect(roll).toMatchObject({ ok: false, error: expect.stringContaining("has more access than you") });
    const disable = await run("setApiKeyEnabledAction", { keyId, enabled: false }, manager);
    expect(disable).toMatchObject({ ok: false, error: expect.stringContaining("has more access than you") });
    expect(await keyWorks()).toBe(true);
    expect(await expectJson(await victim.owner("/api/v1/api-key-policy"), 200)).toEqual({
      maxKeyLifetimeDays: null,
      disableUnusedAfterDays: null,
    });
  });

  it("leaves the account-wide key lifetime to the team's managers: API Keys Full alone may not set it", async () => {
    const policy = { maxKeyLifetimeDays: 7 };
    const keyManager = await memberWith(victim, { api_keys: "FULL" });
    expect(await run("setKeyPolicyAction", policy, keyManager)).toMatchObject({ ok: false });
    const keyManagerKey = await createKeyWithRole(
      baseUrl,
      victim.owner,
      (await createRole(victim.owner, { api_keys: "FULL" })).id,
    );
    const byKey = await api(baseUrl, keyManagerKey.secret)("/api/v1/api-key-policy", { method: "PATCH", json: policy });
    expect(byKey.status).toBe(403);
    expect(await expectJson(await victim.owner("/api/v1/api-key-policy"), 200)).toEqual({
      maxKeyLifetimeDays: null,
      disableUnusedAfterDays: null,
    });

    const teamManager = await memberWith(victim, { api_keys: "FULL", team: "FULL" });
    expect(await run("setKeyPolicyAction", policy, teamManager)).toMatchObject({ ok: true });
    expect(await expectJson(await victim.owner("/api/v1/api-key-policy"), 200)).toEqual({
      ...policy,
      disableUnusedAfterDays: null,
    });
    await expectJson(
      await victim.owner("/api/v1/api-key-policy", { method: "PATCH", json: { maxKeyLifetimeDays: null } }),
      200,
    );
  });

  it("rolls for the owner and returns the new secret once", async () => {
    const created = await expectJson<{ keyId: string; secret: string }>(
      await victim.owner("/api/v1/api-keys", {
        method: "POST",
        json: { name: "to roll", roleId: (await roleNamed(victim.owner, "Read Only")).id },
      }),
      201,
    );
    const result = await run("rollApiKeyAction", { keyId: created.keyId, gracePeriod: "now" }, victim.session.cookie);
    expect(result.ok).toBe(true);
    expect(result.secret).toMatch(/^wisp_/);
    expect((await api(baseUrl, result.secret)("/api/v1/whoami")).status).toBe(200);
    expect((await api(baseUrl, created.secret)("/api/v1/whoami")).status).toBe(401);
  });
});
