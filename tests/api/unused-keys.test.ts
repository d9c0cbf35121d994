import { afterAll, describe, expect, inject, it } from "vitest";
import { expectJson, newAccount, roleNamed, unique, type TestAccount } from "../helpers/account";
import { setServerClock, HOUR } from "../helpers/clock";
import { waitForMail } from "../helpers/mailbox";
import { mailsIn, readable } from "../helpers/smtp";

// The account policy "disable keys unused for N days": a notice 7 days before to the
// Owners (and the key's creator), then the key is disabled by "Unused-key policy", once,
// with an audit event; a key used meanwhile is left alone. The test clock moves the days
// (its POST writes keys' last use, then runs the scan). The owner's own key is used at
// every step, so the policy never reaches it.
const baseUrl = inject("baseUrl");
const mailDir = inject("mailDir");
const DAY = 24 * HOUR;

afterAll(() => setServerClock(baseUrl, 0));

type Key = { keyId: string; secret: string; name: string };
type KeyView = { keyId: string; enabled: boolean; state: string };
type AuditItems = { items: { action: string; actor: { type: string; name: string }; target: { id: string } }[] };

const whoami = (secret: string) =>
  fetch(`${baseUrl}/api/v1/whoami`, { headers: { Authorization: `Bearer ${secret}` } });

async function newKey(account: TestAccount, name: string): Promise<Key> {
  const roleId = (await roleNamed(account.owner, "Read Only")).id;
  const created = await expectJson<{ keyId: string; secret: string }>(
    await account.owner("/api/v1/api-keys", { method: "POST", json: { name, roleId } }),
    201,
  );
  return { ...created, name };
}

const keyView = async (account: TestAccount, key: Key) =>
  expectJson<KeyView>(await account.owner(`/api/v1/api-keys/${key.keyId}`), 200);

const noticesAbout = (email: string, key: Key) =>
  mailsIn(mailDir).filter((mail) => mail.to.includes(email) && readable(mail.raw).includes(`Key ID ${key.keyId}`));

const disabledEvents = async (account: TestAccount, key: Key) =>
  (
    await expectJson<AuditItems>(await account.owner("/api/v1/audit-log?action=api_key.disable&pageSize=100"), 200)
  ).items.filter((item) => item.target.id === key.keyId);

async function setPolicy(account: TestAccount, disableUnusedAfterDays: number | null) {
  return account.owner("/api/v1/api-key-policy", { method: "PATCH", json: { disableUnusedAfterDays } });
}

describe("disable keys unused for N days", () => {
  it("is an account policy of at least 8 days, set beside the maximum lifetime", async () => {
    const account = await newAccount(baseUrl, "Unused Policy Org");
    expect(await expectJson(await account.owner("/api/v1/api-key-policy"), 200)).toEqual({
      maxKeyLifetimeDays: null,
      disableUnusedAfterDays: null,
    });
    const tooShort = await expectJson<{ error: { fields?: Record<string, string[]> } }>(
      await setPolicy(account, 7),
      400,
    );
    expect(JSON.stringify(tooShort)).toContain("Use at least 8 days");
    await expectJson(
      await account.owner("/api/v1/api-key-policy", { method: "PATCH", json: { maxKeyLifetimeDays: 90 } }),
      200,
    );
    expect(await expectJson(await setPolicy(account, 30), 200)).toEqual({
      maxKeyLifetimeDays: 90,
      disableUnusedAfterDays: 30,
    });
    const events = await expectJson<{ items: { changes: Record<string, unknown> }[] }>(
      await account.owner("/api/v1/audit-log?action=account.key_policy&pageSize=1"),
      200,
    );
    expect(events.items[0].changes).toEqual({ disableUnusedKeysAfterDays: { from: null, to: 30 } });
  });

  it("mails 7 days before, then disables an unused key once, and leaves a used one alone", async () => {
    const account = await newAccount(baseUrl, "Unused Keys Org");
    const idle = await newKey(account, unique("idle"));
    const busy = await newKey(account, unique("busy"));
    await expectJson(await setPolicy(account, 30), 200);

    // Day 20: the busy key makes a request; nothing is due yet.
    await setServerClock(baseUrl, 20 * DAY);
    expect((await whoami(busy.secret)).status).toBe(200);
    expect((await whoami(account.ownerKey.secret)).status).toBe(200);

    // Day 23 and a bit: the idle key's notice, announcing day 30.
    await setServerClock(baseUrl, 23 * DAY + HOUR);
    const email = account.session.email;
    await waitForMail(
      () => mailsIn(mailDir),
      () => noticesAbout(email, idle).length >= 1,
    );
    const [notice] = noticesAbout(email, idle);
    const text = readable(notice.raw).replace(/\s+/g, " ");
    expect(text).toContain("disables keys unused for 30 days, so on");
    expect(text).toContain("it will be disabled unless a request uses it before then");
    expect(notice.raw).not.toMatch(/wisp_[0-9A-Za-z]{38}/);
    expect(await keyView(account, idle)).toMatchObject({ enabled: true });
    expect((await whoami(account.ownerKey.secret)).status).toBe(200);

    // Day 30 and a bit: disabled, by the policy, with the reason in the audit log.
    await setServerClock(baseUrl, 30 * DAY + 2 * HOUR);
    expect(await keyView(account, idle)).toMatchObject({ enabled: false, state: "disabled" });
    expect((await whoami(idle.secret)).status).toBe(401);
    const [event] = await disabledEvents(account, idle);
    expect(event.actor).toMatchObject({ type: "anonymous", name: "Unused-key policy (30 days)" });

    // Scanning again acts no more; the busy key (used on day 20) and the owner's stay.
    await setServerClock(baseUrl, 30 * DAY + 3 * HOUR);
    expect(await disabledEvents(account, idle)).toHaveLength(1);
    expect(noticesAbout(email, idle)).toHaveLength(1);
    expect(await keyView(account, busy)).toMatchObject({ enabled: true });
    expect(noticesAbout(email, busy)).toHaveLength(0);
    expect((await whoami(account.ownerKey.secret)).status).toBe(200);
  });

  it("gives keys already unused when the policy is turned on their full 7 days' notice", async () => {
    await setServerClock(baseUrl, 0);
    const account = await newAccount(baseUrl, "Late Policy Org");
    const old = await newKey(account, unique("old"));
    await setServerClock(baseUrl, 100 * DAY);
    expect((await whoami(account.ownerKey.secret)).status).toBe(200);
    await expectJson(await setPolicy(account, 30), 200);

    await setServerClock(baseUrl, 100 * DAY + HOUR);
    await waitForMail(
      () => mailsIn(mailDir),
      () => noticesAbout(account.session.email, old).length >= 1,
    );
    await setServerClock(baseUrl, 106 * DAY);
    expect((await whoami(account.ownerKey.secret)).status).toBe(200);
    expect(await keyView(account, old)).toMatchObject({ enabled: true });

    await setServerClock(baseUrl, 107 * DAY + 2 * HOUR);
    expect(await keyView(account, old)).toMatchObject({ enabled: false });
    expect(await disabledEvents(account, old)).toHaveLength(1);
  });
});
