import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import {
  createKeyWithRole,
  createRole,
  expectJson,
  newAccount,
  roleNamed,
  type Call,
  type TestAccount,
} from "../helpers/account";
import { serverNow, setClockOffset, setClockTo } from "../helpers/clock";
import { api } from "../helpers/portal";

// Expiry, disable/enable, roll with a grace period, IP allowlists and the key policy,
// through the API, with the server's test clock instead of waiting.
const baseUrl = inject("baseUrl");
const UNAUTHORIZED_BODY = {
  error: { code: "unauthorized", message: "Send a valid API key as Authorization: Bearer <key>." },
};
const HOUR = 3600_000;
const DAY = 24 * HOUR;

type KeyJson = {
  keyId: string;
  name: string;
  start: string;
  role: { id: string; name: string };
  enabled: boolean;
  expiresAt: string | null;
  ipAllowlist: string[];
  state: string;
  lastUsedAddress: string | null;
  leakReport: unknown;
  createdBy: string | null;
  secrets: { start: string; createdAt: string; validUntil: string | null; state: string }[];
  secret?: string;
};

let account: TestAccount;
let readOnlyRoleId: string;

beforeAll(async () => {
  account = await newAccount(baseUrl, "Lifecycle Org");
  readOnlyRoleId = (await roleNamed(account.owner, "Read Only")).id;
});

afterEach(async () => {
  await setClockOffset(baseUrl, 0);
});

async function createKey(body: Record<string, unknown> = {}, owner: Call = account.owner) {
  const key = await expectJson<KeyJson & { secret: string }>(
    await owner("/api/v1/api-keys", { method: "POST", json: { name: "lifecycle", roleId: readOnlyRoleId, ...body } }),
    201,
  );
  return { ...key, call: api(baseUrl, key.secret) };
}

const patch = (keyId: string, json: unknown, owner: Call = account.owner) =>
  owner(`/api/v1/api-keys/${keyId}`, { method: "PATCH", json });
const getKey = async (keyId: string) => expectJson<KeyJson>(await account.owner(`/api/v1/api-keys/${keyId}`), 200);
const whoamiStatus = async (call: Call, headers?: Record<string, string>) =>
  (await call("/api/v1/whoami", { headers })).status;

async function eventsOf(keyId: string) {
  const page = await expectJson<{ items: { action: string; changes: Record<string, unknown> | null }[] }>(
    await account.owner(`/api/v1/audit-log?targetType=api_key&targetId=${keyId}&pageSize=100`),
    200,
  );
  return page.items.map((event) => event.action).reverse();
}

describe("the key's JSON", () => {
  it("accepts expiresAt, enabled and ipAllowlist on create and shows them, normalised", async () => {
    const expiresAt = new Date((await serverNow(baseUrl)).getTime() + 30 * DAY).toISOString();
    const key = await createKey({
      expiresAt,
      enabled: true,
      ipAllowlist: ["10.1.2.3/8", "::ffff:192.0.2.7", " 2001:DB8::1/32 ", "10.0.0.0/8", "198.51.100.9"],
    });
    expect(key).toMatchObject({
      enabled: true,
      expiresAt,
      state: "active",
      ipAllowlist: ["10.0.0.0/8", "192.0.2.7", "2001:db8::/32", "198.51.100.9"],
      leakReport: null,
      lastUsedAddress: null,
    });
    expect(key.createdBy).toMatch(/^member:|^api_key:/);
    expect(key.secrets).toEqual([
      { start: key.start, createdAt: expect.any(String), validUntil: null, state: "current" },
    ]);
    expect(await getKey(key.keyId)).toMatchObject({ expiresAt, ipAllowlist: key.ipAllowlist, enabled: true });
  });

  it("names each allowlist entry that is not an address or range, and a past expiry", async () => {
    const response = await account.owner("/api/v1/api-keys", {
      method: "POST",
      json: {
        name: "bad",
        roleId: readOnlyRoleId,
        ipAllowlist: ["10.0.0.1", "10.1", "300.1.1.1", "10.0.0.0/33", "0x7f.0.0.1", "fe80::1%eth0", "example.com"],
      },
    });
    const body = await expectJson<{ error: { fieldErrors: Record<string, string[]> } }>(response, 400);
    expect(Object.keys(body.error.fieldErrors).sort()).toEqual(
      ["ipAllowlist.1", "ipAllowlist.2", "ipAllowlist.3", "ipAllowlist.4", "ipAllowlist.5", "ipAllowlist.6"].sort(),
    );
    const past = await account.owner("/api/v1/api-keys", {
      method: "POST",
      json: { name: "past", roleId: readOnlyRoleId, expiresAt: "2020-01-01T00:00:00Z" },
    });
    expect((await expectJson<{ error: { fieldErrors: object } }>(past, 400)).error.fieldErrors).toHaveProperty(
      "expiresAt",
    );
    const notADate = await patch((await createKey()).keyId, { expiresAt: "next tuesday" });
    expect(notADate.status).toBe(400);
    // Past what both databases and JavaScript hold alike: a 400 naming the field, not a 500.
    for (const expiresAt of ["9999-12-31T23:59:59-14:00", "+010000-01-01T00:00:00Z"]) {
      const tooLate = await account.owner("/api/v1/api-keys", {
        method: "POST",
        json: { name: "far", roleId: readOnlyRoleId, expiresAt },
      });
      const error = await expectJson<{ error: { fieldErrors: object } }>(tooLate, 400);
      expect(error.error.fieldErrors, expiresAt).toHaveProperty("expiresAt");
    }
  });

  it("filters the list by state", async () => {
    const at = await serverNow(baseUrl);
    const disabled = await createKey({ name: "state disabled", enabled: false });
    const soon = await createKey({ name: "state soon", expiresAt: new Date(at.getTime() + 2 * DAY).toISOString() });
    const later = await createKey({ name: "state later", expiresAt: new Date(at.getTime() + 60 * DAY).toISOString() });
    const ids = async (state: string) =>
      (
        await expectJson<{ items: KeyJson[] }>(await account.owner(`/api/v1/api-keys?state=${state}&pageSize=100`), 200)
      ).items.map((key) => key.keyId);
    expect(await ids("disabled")).toContain(disabled.keyId);
    expect(await ids("active")).toEqual(expect.arrayContaining([soon.keyId, later.keyId]));
    expect(await ids("active")).not.toContain(disabled.keyId);
    expect(await ids("expiring")).toContain(soon.keyId);
    expect(await ids("expiring")).not.toContain(later.keyId);
    await setClockTo(new Date(at.getTime() + 3 * DAY), baseUrl);
    expect(await ids("expired")).toContain(soon.keyId);
    expect(await ids("expiring")).not.toContain(soon.keyId);
    expect((await getKey(soon.keyId)).state).toBe("expired");
  });
});

describe("disable and enable", () => {
  it("refuses a disabled key with exactly the 401 of an unknown key from the next request, and takes it back", async () => {
    const key = await createKey();
    expect(await whoamiStatus(key.call)).toBe(200);
    expect(await whoamiStatus(key.call)).toBe(200); // cached
    const disabled = await expectJson<KeyJson>(await patch(key.keyId, { enabled: false }), 200);
    expect(disabled).toMatchObject({ enabled: false, state: "disabled" });
    const refused = await key.call("/api/v1/whoami");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await refused.json()).toEqual(UNAUTHORIZED_BODY);
    await expectJson(await patch(key.keyId, { enabled: true }), 200);
    expect(await whoamiStatus(key.call)).toBe(200);
    expect(await eventsOf(key.keyId)).toEqual(["api_key.create", "api_key.disable", "api_key.enable"]);
  });
});

describe("expiry", () => {
  it("refuses a key from the instant it expires, even while it is cached, and an edited expiry applies at once", async () => {
    const at = await serverNow(baseUrl);
    const expiresAt = new Date(at.getTime() + HOUR);
    const key = await createKey({ expiresAt: expiresAt.toISOString() });
    expect(await whoamiStatus(key.call)).toBe(200);
    expect(await whoamiStatus(key.call)).toBe(200); // now answered from the cache
    await setClockTo(new Date(expiresAt.getTime() - 2000), baseUrl);
    expect(await whoamiStatus(key.call)).toBe(200);
    await setClockTo(expiresAt, baseUrl);
    const refused = await key.call("/api/v1/whoami");
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual(UNAUTHORIZED_BODY);
    expect((await getKey(key.keyId)).state).toBe("expired");

    // Extended: works again at once; removed: never expires.
    const later = new Date(expiresAt.getTime() + DAY).toISOString();
    expect((await expectJson<KeyJson>(await patch(key.keyId, { expiresAt: later }), 200)).expiresAt).toBe(later);
    expect(await whoamiStatus(key.call)).toBe(200);
    await setClockTo(new Date(expiresAt.getTime() + 2 * DAY), baseUrl);
    expect(await whoamiStatus(key.call)).toBe(401);
    await expectJson(await patch(key.keyId, { expiresAt: null }), 200);
    expect(await whoamiStatus(key.call)).toBe(200);
  });

  it("enforces the account's maximum lifetime on create and on changed expiries, through the API too", async () => {
    const other = await newAccount(baseUrl, "Policy Org");
    const roleId = (await roleNamed(other.owner, "Read Only")).id;
    expect(await expectJson(await other.owner("/api/v1/api-key-policy"), 200)).toEqual({
      maxKeyLifetimeDays: null,
      disableUnusedAfterDays: null,
    });
    expect(
      await expectJson(
        await other.owner("/api/v1/api-key-policy", { method: "PATCH", json: { maxKeyLifetimeDays: 30 } }),
        200,
      ),
    ).toEqual({ maxKeyLifetimeDays: 30, disableUnusedAfterDays: null });
    const at = await serverNow(baseUrl);
    const create = (expiresAt?: string | null) =>
      other.owner("/api/v1/api-keys", { method: "POST", json: { name: "capped", roleId, expiresAt } });
    const noExpiry = await expectJson<{ error: { fieldErrors: Record<string, string[]> } }>(await create(), 400);
    expect(noExpiry.error.fieldErrors.expiresAt[0]).toBe("Keys of this account must expire within 30 days.");
    expect((await create(new Date(at.getTime() + 31 * DAY).toISOString())).status).toBe(400);
    const ok = await expectJson<KeyJson>(await create(new Date(at.getTime() + 29 * DAY).toISOString()), 201);
    expect((await patch(ok.keyId, { expiresAt: null }, other.owner)).status).toBe(400);
    expect((await patch(ok.keyId, { name: "renamed" }, other.owner)).status).toBe(200);
    expect(
      (await other.owner("/api/v1/api-key-policy", { method: "PATCH", json: { maxKeyLifetimeDays: 0 } })).status,
    ).toBe(400);
    await expectJson(
      await other.owner("/api/v1/api-key-policy", { method: "PATCH", json: { maxKeyLifetimeDays: null } }),
      200,
    );
    expect((await create(null)).status).toBe(201);
  });
});

describe("roll", () => {
  it("gives a new secret once, keeps everything else, and stops the old one when the grace period ends", async () => {
    const at = await serverNow(baseUrl);
    const key = await createKey({
      name: "rolling",
      expiresAt: new Date(at.getTime() + 30 * DAY).toISOString(),
      ipAllowlist: ["127.0.0.1"],
    });
    expect(await whoamiStatus(key.call)).toBe(200);
    const rolled = await expectJson<KeyJson & { secret: string }>(
      await account.owner(`/api/v1/api-keys/${key.keyId}/roll`, { method: "POST", json: { gracePeriod: "1h" } }),
      200,
    );
    expect(rolled.secret).toMatch(/^wisp_[0-9A-Za-z]{38}$/);
    expect(rolled.secret).not.toBe(key.secret);
    expect(rolled).toMatchObject({
      keyId: key.keyId,
      name: "rolling",
      role: key.role,
      expiresAt: key.expiresAt,
      ipAllowlist: ["127.0.0.1"],
      start: rolled.secret.slice(0, 9),
    });
    expect(rolled.secrets.map((secret) => [secret.start, secret.state])).toEqual([
      [rolled.start, "current"],
      [key.start, "grace"],
    ]);
    const graceEnd = new Date(rolled.secrets[1].validUntil!);
    expect(graceEnd.getTime() - Date.parse(rolled.secrets[0].createdAt)).toBe(HOUR);
    const fetched = await getKey(key.keyId);
    expect(JSON.stringify(fetched)).not.toContain(rolled.secret);

    const fresh = api(baseUrl, rolled.secret);
    expect(await whoamiStatus(fresh)).toBe(200);
    expect(await whoamiStatus(key.call)).toBe(200);
    expect(await whoamiStatus(key.call)).toBe(200); // cached, with its grace end
    await setClockTo(new Date(graceEnd.getTime() - 2000), baseUrl);
    expect(await whoamiStatus(key.call)).toBe(200);
    await setClockTo(graceEnd, baseUrl);
    const refused = await key.call("/api/v1/whoami");
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual(UNAUTHORIZED_BODY);
    expect(await whoamiStatus(fresh)).toBe(200);
    expect((await getKey(key.keyId)).secrets[1].state).toBe("ended");
    expect((await eventsOf(key.keyId)).slice(-1)).toEqual(["api_key.roll"]);
  });

  it("with no grace period stops the old secret on the next request; rolling again shortens an earlier grace", async () => {
    const key = await createKey();
    expect(await whoamiStatus(key.call)).toBe(200);
    const first = await expectJson<KeyJson & { secret: string }>(
      await account.owner(`/api/v1/api-keys/${key.keyId}/roll`, { method: "POST", json: { gracePeriod: "7d" } }),
      200,
    );
    const second = await expectJson<KeyJson & { secret: string }>(
      await account.owner(`/api/v1/api-keys/${key.keyId}/roll`, { method: "POST", json: { gracePeriod: "now" } }),
      200,
    );
    expect(await whoamiStatus(key.call)).toBe(401);
    expect(await whoamiStatus(api(baseUrl, first.secret))).toBe(401);
    expect(await whoamiStatus(api(baseUrl, second.secret))).toBe(200);
    expect(second.secrets.map((secret) => secret.state)).toEqual(["current", "ended", "ended"]);
  });

  it("leaves exactly one current secret when one key is rolled twice at once (20 keys)", async () => {
    const keys = await Promise.all(Array.from({ length: 20 }, () => createKey()));
    const roll = async (keyId: string) =>
      expectJson<KeyJson & { secret: string }>(
        await account.owner(`/api/v1/api-keys/${keyId}/roll`, { method: "POST", json: { gracePeriod: "now" } }),
        200,
      );
    const pairs = await Promise.all(keys.map((key) => Promise.all([roll(key.keyId), roll(key.keyId)])));
    // Per key: its secrets' states, and how many of the two secrets handed out are the
    // current one (the one that works).
    const outcomes = await Promise.all(
      keys.map(async (key, index) => {
        const { secrets } = await getKey(key.keyId);
        const current = secrets.find((secret) => secret.state === "current")?.start ?? "-";
        return {
          states: secrets.map((secret) => secret.state).sort(),
          currentHandedOut: pairs[index].filter(({ secret }) => secret.startsWith(current)).length,
        };
      }),
    );
    expect(outcomes).toEqual(keys.map(() => ({ states: ["current", "ended", "ended"], currentHandedOut: 1 })));
    // The current one works (the other, ended, one would be a failed check against the brake).
    const { secrets } = await getKey(keys[0].keyId);
    const start = secrets.find((secret) => secret.state === "current")!.start;
    const current = pairs[0].find(({ secret }) => secret.startsWith(start))!;
    expect(await whoamiStatus(api(baseUrl, current.secret))).toBe(200);
  }, 60_000);

  it("refuses an unknown grace period and another account's key", async () => {
    const key = await createKey();
    const bad = await account.owner(`/api/v1/api-keys/${key.keyId}/roll`, {
      method: "POST",
      json: { gracePeriod: "2h" },
    });
    expect(bad.status).toBe(400);
    const other = await newAccount(baseUrl, "Roll Other");
    const foreign = await other.owner(`/api/v1/api-keys/${key.keyId}/roll`, {
      method: "POST",
      json: { gracePeriod: "now" },
    });
    expect(foreign.status).toBe(404);
    expect(await whoamiStatus(key.call)).toBe(200);
  });
});

describe("IP allowlist", () => {
  it("answers a key used from elsewhere with 403 ip_not_allowed naming the address seen", async () => {
    const key = await createKey({ ipAllowlist: ["10.0.0.0/8", "2001:db8::/32"] });
    const fromLoopback = await key.call("/api/v1/whoami");
    expect(fromLoopback.status).toBe(403);
    expect(await fromLoopback.json()).toEqual({
      error: {
        code: "ip_not_allowed",
        message: "This key may not be used from 127.0.0.1.",
        clientAddress: "127.0.0.1",
      },
    });
    // The test server trusts its loopback proxy, so X-Forwarded-For names the client.
    expect(await whoamiStatus(key.call, { "X-Forwarded-For": "10.20.30.40" })).toBe(200);
    expect(await whoamiStatus(key.call, { "X-Forwarded-For": "10.20.30.40" })).toBe(200); // cached
    expect(await whoamiStatus(key.call, { "X-Forwarded-For": "2001:db8:1::5" })).toBe(200);
    const outside = await key.call("/api/v1/whoami", { headers: { "X-Forwarded-For": "203.0.113.5" } });
    expect(outside.status).toBe(403);
    expect((await outside.json()).error.clientAddress).toBe("203.0.113.5");
    // A client claiming an allowed address in front of what the proxy saw gains nothing.
    const spoofed = await key.call("/api/v1/whoami", { headers: { "X-Forwarded-For": "10.0.0.1, 203.0.113.5" } });
    expect((await spoofed.json()).error).toMatchObject({ code: "ip_not_allowed", clientAddress: "203.0.113.5" });

    // Emptying the list allows any address, from the next request.
    await expectJson(await patch(key.keyId, { ipAllowlist: [] }), 200);
    expect(await whoamiStatus(key.call)).toBe(200);
  });

  it("records the client address of the last use", async () => {
    const key = await createKey({ ipAllowlist: ["198.51.100.0/24"] });
    expect(await whoamiStatus(key.call, { "X-Forwarded-For": "198.51.100.23" })).toBe(200);
    // Written with the last use, after the request: polled.
    await expect
      .poll(async () => (await getKey(key.keyId)).lastUsedAddress, { timeout: 10_000, interval: 250 })
      .toBe("198.51.100.23");
  });
});

describe("who may change a key's lifecycle", () => {
  it("refuses a read-only key to roll, disable, or change expiry or allowlist", async () => {
    const target = await createKey();
    const reader = await createKeyWithRole(baseUrl, account.owner, readOnlyRoleId, "reader");
    for (const json of [{ enabled: false }, { expiresAt: null }, { ipAllowlist: ["10.0.0.0/8"] }]) {
      const response = await patch(target.keyId, json, reader.call);
      expect(response.status, JSON.stringify(json)).toBe(403);
      expect((await response.json()).error).toMatchObject({ code: "forbidden", area: "api_keys", required: "FULL" });
    }
    const roll = await reader.call(`/api/v1/api-keys/${target.keyId}/roll`, {
      method: "POST",
      json: { gracePeriod: "now" },
    });
    expect(roll.status).toBe(403);
    expect(await whoamiStatus(target.call)).toBe(200);
  });

  it("refuses a key manager to roll or disable a key with more access than its own", async () => {
    const manager = await createRole(account.owner, { api_keys: "FULL" });
    const managerKey = await createKeyWithRole(baseUrl, account.owner, manager.id, "manager");
    const ownerRole = (await roleNamed(account.owner, "Owner")).id;
    const powerful = await createKey({ roleId: ownerRole, name: "powerful" });
    const disable = await patch(powerful.keyId, { enabled: false }, managerKey.call);
    expect(disable.status).toBe(403);
    expect((await disable.json()).error.code).toBe("forbidden");
    const roll = await managerKey.call(`/api/v1/api-keys/${powerful.keyId}/roll`, {
      method: "POST",
      json: { gracePeriod: "now" },
    });
    expect(roll.status).toBe(403);
    expect(await whoamiStatus(powerful.call)).toBe(200);
    // Its own kind of key it may roll.
    const peer = await createKeyWithRole(baseUrl, account.owner, manager.id, "peer");
    const peerRoll = await managerKey.call(`/api/v1/api-keys/${peer.keyId}/roll`, {
      method: "POST",
      json: { gracePeriod: "now" },
    });
    expect(peerRoll.status).toBe(200);
  });
});
