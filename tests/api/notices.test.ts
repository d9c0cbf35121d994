import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  addMember,
  createRole,
  expectJson,
  invite,
  newAccount,
  roleNamed,
  unique,
  type JoinedMember,
  type TestAccount,
} from "../helpers/account";
import { serverNow, setServerClock } from "../helpers/clock";
import { findProp } from "../helpers/flight";
import { waitForMail } from "../helpers/mailbox";
import { actionJson, api, callAction, createKeyInPortal, sessionCookie } from "../helpers/portal";
import { mailsIn, readable, type ReceivedMail } from "../helpers/smtp";

// The notices arrive at the real SMTP server of this project (tests/api/global-setup.ts):
// expiry by the test clock (its POST runs the expiry scan), a leak report, quota
// thresholds, a role change and a sign-in from a new device, each to the people it names,
// once, with no secret in it; the settings that turn them off; and the Owners-only page of
// the account's mail. "Not twice" is checked once a later mail to the same person has
// arrived: the outbox sends in the order mail was queued.
const baseUrl = inject("baseUrl");
const mailDir = inject("mailDir");
const DAY = 86_400_000;
const SECRET = /wisp_[0-9A-Za-z]{38}/;

afterAll(() => setServerClock(baseUrl, 0));

const mailsTo = (email: string, subject: RegExp) =>
  mailsIn(mailDir).filter((mail) => mail.to.includes(email) && subject.test(decodedSubject(mail)));
const mailTo = (email: string, subject: RegExp, count = 1) =>
  waitForMail(
    () => mailsIn(mailDir),
    () => mailsTo(email, subject).length >= count,
  ).then(() => mailsTo(email, subject)[count - 1]);

// Subjects with non-ASCII characters (the key name's quotes) are RFC 2047 encoded.
function decodedSubject(mail: ReceivedMail): string {
  return mail.subject.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, encoding: string, text: string) =>
    encoding.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text
            .replace(/_/g, " ")
            .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

type Result = { ok: boolean; error?: string; settings?: Record<string, boolean> };

// Signs in through the sign-in form with a browser's device cookie (or none: a new browser);
// returns the session and the device cookie the answer set.
async function signInFrom(email: string, password: string, device = "", userAgent?: string) {
  const form = new FormData();
  form.set("email", email);
  form.set("password", password);
  const response = await callAction(baseUrl, "signInAction", [null, form], device, "/sign-in", {
    ...(userAgent ? { "User-Agent": userAgent } : {}),
  });
  await response.text();
  const cookie = sessionCookie(response);
  const set = response.headers.getSetCookie().find((value) => value.startsWith("wisp-device="));
  if (!cookie || !set) throw new Error(`sign-in failed: ${response.status}`);
  return { cookie, device: set.split(";")[0] };
}

const setNotice = async (cookie: string, kind: string, enabled: boolean) =>
  actionJson<Result>(await callAction(baseUrl, "setNoticeSettingAction", [{ kind, enabled }], cookie, "/account"));

// A member who may manage keys (and so creates some) but is no Owner.
async function keyManager(account: TestAccount, name = "Kim Keys"): Promise<JoinedMember & { roleName: string }> {
  const role = await createRole(account.owner, { api_keys: "FULL", roles: "READ", team: "READ" });
  return { ...(await addMember(baseUrl, account.owner, role.id, name)), roleName: role.name };
}

function expectNoSecret(body: string, ...secrets: string[]) {
  expect(body).not.toMatch(SECRET);
  for (const secret of secrets) expect(body).not.toContain(secret);
}

describe("key notices", () => {
  it("mails 7 days and 1 day before expiry, once each, to the creator and the Owners, and again for a new expiry", async () => {
    const accountName = `Expiry Org ${unique("o")}`;
    const account = await newAccount(baseUrl, accountName);
    const kim = await keyManager(account);
    const key = await createKeyInPortal(baseUrl, kim.cookie, `expiring ${unique("k")}`, kim.roleName);
    const start = await serverNow(baseUrl);
    const patch = (expiresAt: Date) =>
      account.owner(`/api/v1/api-keys/${key.keyId}`, { method: "PATCH", json: { expiresAt: expiresAt.toISOString() } });
    await expectJson(await patch(new Date(start.getTime() + 10 * DAY)), 200);
    const subject = (when: string) => new RegExp(`^Key “[^”]+” of ${accountName} expires ${when}$`);
    const owner = account.session.email;

    // 6.5 days before: the 7-day notice, to the creator and to the Owner; the scan again: nothing new.
    await setServerClock(baseUrl, start.getTime() - Date.now() + 3.5 * DAY);
    const toKim = await mailTo(kim.email, subject("in 7 days"));
    const toOwner = await mailTo(owner, subject("in 7 days"));
    await setServerClock(baseUrl, start.getTime() - Date.now() + 3.6 * DAY);
    expect(readable(toKim.raw)).toContain("You get this because you created this key.");
    expect(readable(toOwner.raw)).toContain(`You get this because you are an Owner of ${accountName}.`);
    const body = readable(toKim.raw);
    expect(body).toContain("Hello Kim Keys,");
    expect(body).toContain(`(Key ID ${key.keyId}) of ${accountName} on Wisp Portal expires on`);
    // Links from APP_URL: this server's own address (tests/api/global-setup.ts).
    expect(body).toContain(`${baseUrl}/api-keys/${key.keyId}`);
    expect(body).toContain("turn key-expiry notices off on your account page");
    expectNoSecret(body, key.secret, account.ownerKey.secret);

    // Half a day before: the 1-day notice, once each.
    await setServerClock(baseUrl, start.getTime() - Date.now() + 9.5 * DAY);
    await mailTo(kim.email, subject("within a day"));
    await mailTo(owner, subject("within a day"));
    // A later expiry is a new moment: noticed again for it.
    await expectJson(await patch(new Date(start.getTime() + 15 * DAY)), 200);
    await setServerClock(baseUrl, start.getTime() - Date.now() + 9.6 * DAY);
    await mailTo(owner, subject("in 6 days"));
    for (const email of [kim.email, owner]) {
      expect(mailsTo(email, subject("in 7 days")), email).toHaveLength(1);
      expect(mailsTo(email, subject("within a day")), email).toHaveLength(1);
    }
  }, 60_000);

  it("mails a leak report to the creator and the Owners, who can't turn that notice off", async () => {
    const accountName = `Leak Org ${unique("o")}`;
    const account = await newAccount(baseUrl, accountName);
    const kim = await keyManager(account);
    const key = await createKeyInPortal(baseUrl, kim.cookie, `leaked ${unique("k")}`, kim.roleName);

    // The server refuses it, whatever the form sends; other kinds can be turned off.
    const refused = await setNotice(kim.cookie, "key_leaked", false);
    expect(refused).toMatchObject({ ok: false, error: "Security notices can't be turned off." });
    expect(await setNotice(kim.cookie, "key_expiry", false)).toMatchObject({
      ok: true,
      settings: { key_expiry: false },
    });
    expect((await setNotice(kim.cookie, "everything", false)).ok).toBe(false);

    const source = `pastebin https://evil.example/${randomUUID()}`;
    const report = () =>
      fetch(`${baseUrl}/api/v1/leaked-keys`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Forwarded-For": `198.18.7.${Math.floor(Math.random() * 250)}`,
        },
        body: JSON.stringify({ secrets: [key.secret], source }),
      });
    expect((await report()).status).toBe(202);
    const subject = new RegExp(`^Key “[^”]+” of ${accountName} was reported leaked and disabled$`);
    const toKim = readable((await mailTo(kim.email, subject)).raw);
    const toOwner = readable((await mailTo(account.session.email, subject)).raw);
    expect(toKim).toContain("You get this because you created this key.");
    expect(toOwner).toContain(`You get this because you are an Owner of ${accountName}.`);
    expect(toOwner).toContain("This is a security notice: it can't be turned off.");
    expect(toOwner).toContain(`(Key ID ${key.keyId})`);
    // No secret, and nothing the reporter wrote (it could be a link of theirs).
    expectNoSecret(toOwner + toKim, key.secret);
    expect(toOwner + toKim).not.toContain("evil.example");

    // A second report of the key, still disabled by the first, mails nobody.
    expect((await report()).status).toBe(202);
    await invite(account.owner, (await roleNamed(account.owner, "Read Only")).id, `after-${unique("m")}@example.com`);
    const audit = await expectJson<{ items: { changes: Record<string, unknown> }[] }>(
      await account.owner(`/api/v1/audit-log?action=member.notice_settings`),
      200,
    );
    expect(audit.items.map((event) => event.changes)).toEqual([{ key_expiry: { from: "on", to: "off" } }]);
    await expect.poll(() => mailsIn(mailDir).some((mail) => mail.to[0].startsWith("after-"))).toBe(true);
    expect(mailsTo(account.session.email, subject)).toHaveLength(1);
  });

  it("mails 80% and 100% of a quota once per period, and again in the next period", async () => {
    const accountName = `Quota Org ${unique("o")}`;
    const account = await newAccount(baseUrl, accountName);
    const ownerRole = await roleNamed(account.owner, "Owner");
    const key = await expectJson<{ keyId: string; secret: string }>(
      await account.owner("/api/v1/api-keys", {
        method: "POST",
        json: { name: `metered ${unique("k")}`, roleId: ownerRole.id, quota: { limit: 5, period: "day" } },
      }),
      201,
    );
    const call = api(baseUrl, key.secret);
    const whoami = async (times: number) => {
      const statuses = [];
      for (let i = 0; i < times; i++) statuses.push((await call("/api/v1/whoami")).status);
      return statuses;
    };
    // Noon of a UTC day, so that the whole test stays within it.
    const now = await serverNow(baseUrl);
    const noon = Math.floor(now.getTime() / DAY) * DAY + DAY + 12 * 3_600_000;
    await setServerClock(baseUrl, noon - Date.now());
    const owner = account.session.email;
    const eighty = new RegExp(`^Key “[^”]+” of ${accountName} used 80% of its quota$`);
    const all = new RegExp(`^Key “[^”]+” of ${accountName} used all of its quota$`);

    expect(await whoami(4)).toEqual([200, 200, 200, 200]);
    const mail = readable((await mailTo(owner, eighty)).raw);
    expect(mail).toContain("has used 80% of its quota of 5 requests per day (UTC)");
    expect(mail).toContain(`You get this because you are an Owner of ${accountName}.`);
    expectNoSecret(mail, key.secret);
    expect(await whoami(3)).toEqual([200, 429, 429]);
    expect(readable((await mailTo(owner, all)).raw)).toContain("Its requests are refused with 429");

    // The next day the quota refills, and its 80% is a new notice.
    await setServerClock(baseUrl, noon + DAY - Date.now());
    expect(await whoami(4)).toEqual([200, 200, 200, 200]);
    await mailTo(owner, eighty, 2);
    expect(mailsTo(owner, all)).toHaveLength(1);
    expect(mailsTo(owner, eighty)).toHaveLength(2);
  });
});

describe("notices to a member", () => {
  it("mails a role change, and a sign-in from a new browser unless turned off", async () => {
    const accountName = `Member Org ${unique("o")}`;
    const account = await newAccount(baseUrl, accountName);
    const readOnly = await roleNamed(account.owner, "Read Only");
    const member = await addMember(baseUrl, account.owner, readOnly.id, "Mo Member");
    const auditor = await createRole(account.owner, { audit_log: "READ" }, `Auditor ${unique("r")}`);

    await expectJson(
      await account.owner(`/api/v1/team/${member.id}`, { method: "PATCH", json: { roleId: auditor.id } }),
      200,
    );
    const role = readable((await mailTo(member.email, new RegExp(`^Your role in ${accountName} is now Auditor`))).raw);
    expect(role).toContain("Hello Mo Member,");
    // (readable() leaves the UTF-8 of the quotes around the key's name in pieces.)
    expect(role).toMatch(/The API key \S+owner key\S+ changed your role/);
    expect(role).toContain(`changed your role in ${accountName} on Wisp Portal from Read Only to ${auditor.name}.`);

    // Accepting the invitation signed in from a first browser: not new. Another one is.
    const newBrowser = /^New sign-in to Wisp Portal$/;
    const agent = "Mozilla/5.0 (X11; Linux x86_64) https://evil.example/ Chrome/140.0 Safari/537.36";
    const first = await signInFrom(member.email, member.password, "", agent);
    const mail = readable((await mailTo(member.email, newBrowser)).raw);
    expect(mail).toContain(`Your login ${member.email} signed in to Wisp Portal (account ${accountName})`);
    expect(mail).toContain("with a browser it had not used before: Chrome on Linux");
    expect(mail).not.toContain("evil.example");
    // The same browser again: nothing. Turned off: nothing. On again, a new browser: a mail.
    await signInFrom(member.email, member.password, first.device);
    expect(await setNotice(first.cookie, "new_device", false)).toMatchObject({ ok: true });
    await signInFrom(member.email, member.password);
    expect(await setNotice(first.cookie, "new_device", true)).toMatchObject({ ok: true });
    await signInFrom(member.email, member.password);
    await mailTo(member.email, newBrowser, 2);
    // next-auth's own door (POST /api/auth/callback/credentials) knows browsers the same way.
    const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");
    const callback = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { Cookie: csrfCookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: member.email, password: member.password, csrfToken }),
      redirect: "manual",
    });
    expect(callback.status).toBe(302);
    expect(callback.headers.getSetCookie().some((value) => value.startsWith("wisp-device="))).toBe(true);
    await mailTo(member.email, newBrowser, 3);
    expect(mailsTo(member.email, newBrowser)).toHaveLength(3);
  });
});

describe("the Notifications page", () => {
  it("shows Owners the account's mail and its delivery, never a link; refuses everyone else", async () => {
    const account = await newAccount(baseUrl, `Outbox Org ${unique("o")}`);
    const readOnly = await roleNamed(account.owner, "Read Only");
    const invited = await invite(account.owner, readOnly.id, `${unique("inv")}@example.com`, "Ivy");
    const busy = await invite(account.owner, readOnly.id, `tempfail-${unique("inv")}@example.com`, "Tim");
    const token = invited.invitationUrl.split("/").pop()!;

    type Row = { recipient: string; subject: string; kind: string; status: string; error: string | null };
    const page = async (cookie: string) => {
      const response = await fetch(`${baseUrl}/notifications`, { headers: { Cookie: cookie, RSC: "1" } });
      expect(response.status).toBe(200);
      return response.text();
    };
    const rows = async () => findProp<Row[]>(await page(account.session.cookie), "mails") ?? [];
    await expect
      .poll(async () => (await rows()).find((row) => row.recipient === invited.email)?.status, { timeout: 15_000 })
      .toBe("delivered");
    await expect
      .poll(async () => (await rows()).find((row) => row.recipient === busy.email)?.status, { timeout: 15_000 })
      .toBe("retrying");
    const all = await rows();
    expect(all.find((row) => row.recipient === invited.email)).toMatchObject({
      kind: "invitation",
      subject: expect.stringMatching(/^Join Outbox Org/),
      error: null,
    });
    expect(all.find((row) => row.recipient === busy.email)?.error).toMatch(/Mailbox busy/);
    const text = await page(account.session.cookie);
    expect(text).not.toContain(token);
    expect(text).not.toContain("/invite/");
    const html = await (
      await fetch(`${baseUrl}/notifications`, { headers: { Cookie: account.session.cookie } })
    ).text();
    expect(html).toContain(invited.email);
    expect(html).not.toContain(token);

    // Every area at Full Access is still not an Owner.
    const everything = await createRole(account.owner, {
      users: "FULL",
      groups: "FULL",
      networks: "FULL",
      vouchers: "FULL",
      api_keys: "FULL",
      roles: "FULL",
      team: "FULL",
      audit_log: "READ",
    });
    const admin = await addMember(baseUrl, account.owner, everything.id, "Ada Admin");
    const refused = await page(admin.cookie);
    expect(refused).toContain("Only Owners of this account can see Notifications.");
    expect(refused).not.toContain(invited.email);
    expect(await page(account.session.cookie)).toContain('"href":"/notifications"');
    expect(await page(admin.cookie)).not.toContain('"href":"/notifications"');
  });
});
