import { appendFileSync } from "node:fs";
import { afterEach, describe, expect, inject, it } from "vitest";
import { acceptInvitation, expectJson, invite, newAccount, roleNamed, unique } from "../helpers/account";
import { from, MINUTE, newClientAddress, setServerClock } from "../helpers/clock";
import { actionResult } from "../helpers/flight";
import { waitForMail } from "../helpers/mailbox";
import { callAction, signIn, signUp, TEST_PASSWORD } from "../helpers/portal";
import { mailsIn, readable } from "../helpers/smtp";

// "Forgot password?" end to end on the API project's server, which mails through a real
// SMTP server (tests/api/global-setup.ts) and has APP_URL set to its own origin. Every
// token and password below is written to the secrets file: the teardown checks none of
// them reached the server's log.
const baseUrl = inject("baseUrl");
const mailDir = inject("mailDir");
const secretsFile = inject("secretsFile");
const remember = (...secrets: string[]) => appendFileSync(secretsFile, secrets.map((s) => `${s}\n`).join(""));

const ANSWER = { ok: true, mailIsSetUp: true };
const INVALID = /^This link to choose a new password doesn't work any more/;
const LINK = /https?:\/\/[^\s"<>]+\/reset-password\/([\w-]{43})/;
type Result = { ok: boolean; error?: string; fieldErrors?: Record<string, string[]> };

afterEach(() => setServerClock(baseUrl, 0));

const SUBJECT = "Choose a new password for Wisp Portal";
// The reset mails to `email` so far, oldest first.
const mailsTo = (email: string) =>
  mailsIn(mailDir).filter((mail) => mail.subject === SUBJECT && mail.to.some((to) => to.includes(email)));

// Asks for a link as the form does, from a client address of its own unless given one.
async function askForLink(email: string, address = newClientAddress(), headers: Record<string, string> = {}) {
  const form = new FormData();
  form.set("email", email);
  const response = await callAction(baseUrl, "requestPasswordResetAction", [null, form], "", "/forgot-password", {
    ...from(address),
    ...headers,
  });
  const text = await response.text();
  return { result: actionResult<Result>(text), text };
}

// Waits for the `count`th mail to `email` and returns its link, its token and its body.
async function linkMailed(email: string, count = 1) {
  await waitForMail(
    () => mailsTo(email),
    () => mailsTo(email).length >= count,
  );
  const body = readable(mailsTo(email)[count - 1].raw);
  const match = LINK.exec(body);
  if (!match) throw new Error(`no reset link in the mail:\n${body}`);
  remember(match[1]);
  return { url: match[0], token: match[1], body };
}

async function resetWith(token: string, password: string) {
  const form = new FormData();
  form.set("token", token);
  form.set("password", password);
  const response = await callAction(baseUrl, "resetPasswordAction", [null, form], "", `/reset-password/${token}`);
  const redirect = response.headers.get("x-action-redirect");
  if (redirect) {
    await response.text();
    return { redirect, result: null };
  }
  return { redirect: null, result: actionResult<Result>(await response.text()) };
}

const page = async (path: string) => (await fetch(baseUrl + path)).text();

async function expectSignedOut(cookie: string) {
  const response = await fetch(`${baseUrl}/api-keys`, { headers: { Cookie: cookie }, redirect: "manual" });
  expect(response.status).toBe(307);
  expect(response.headers.get("location")).toContain("/sign-in");
}

const newPassword = () => `quiet ${unique("harbour")} lantern`;

describe("forgot password", () => {
  it("mails a link on APP_URL to a known email, whatever the Host, and answers an unknown one the same, without mail", async () => {
    const account = await newAccount(baseUrl, `Forgetful Org ${unique("o")}`);
    const { email } = account.session;
    expect((await askForLink("not an email")).result).toMatchObject({
      ok: false,
      fieldErrors: { email: ["Enter a valid email address."] },
    });
    const stranger = `${unique("nobody")}@example.com`;
    const unknown = await askForLink(stranger);
    // The test server believes X-Forwarded-Host from loopback (a trusted proxy), and a raw
    // request may name any Origin to match it: the link must still come from APP_URL alone.
    const forged = { "X-Forwarded-Host": "evil.example", Origin: "http://evil.example" };
    const known = await askForLink(email.toUpperCase(), newClientAddress(), forged);
    expect(known.result).toEqual(ANSWER);
    expect(unknown.text).toBe(known.text);

    const { url, body } = await linkMailed(email);
    expect(url.startsWith(`${baseUrl}/reset-password/`)).toBe(true);
    expect(body).not.toContain("evil.example");
    expect(body).toMatch(/Content-Type: text\/plain/);
    expect(body).toMatch(/Content-Type: text\/html/);
    expect(body).toContain(`for the Wisp Portal login ${email} (used for Forgetful Org`);
    expect(body).toMatch(/works once, for 30 minutes: until \d{1,2} \w+ \d{4}(,| at) \d\d:\d\d UTC\./);
    expect(body).toContain("If it wasn't you, ignore this mail: nothing changes");
    // The link in the text and as the HTML's button; no other secret.
    expect(body.split(url).length - 1).toBeGreaterThanOrEqual(3);
    expect(body).not.toContain(account.session.password);
    expect(body).not.toMatch(/wisp_[0-9A-Za-z]{38}/);
    // The known email's mail came after the unknown one's request: none went to it.
    expect(mailsTo(stranger)).toEqual([]);
  });

  it("lets the link set a new password once: every session of the login ends, each account records it, only the new password signs in", async () => {
    const home = await newAccount(baseUrl, `Home Org ${unique("o")}`);
    const { email } = home.session;
    const second = await signIn(baseUrl, email, TEST_PASSWORD);
    // The same login is a member of a second account too.
    const other = await newAccount(baseUrl, `Other Org ${unique("o")}`);
    const invited = await invite(other.owner, (await roleNamed(other.owner, "Read Only")).id, email, "Ada Elsewhere");
    remember(new URL(invited.invitationUrl).pathname.split("/").pop()!);
    const joined = await acceptInvitation(baseUrl, invited.invitationUrl, TEST_PASSWORD);
    const sessions = [home.session.cookie, second.cookie!, joined.cookie!];

    await askForLink(email);
    const { token } = await linkMailed(email);
    const form = await page(`/reset-password/${token}`);
    expect(form).toContain("Choose a new password");
    expect(form).toContain(email);
    expect(form).toMatch(/<meta name="referrer" content="no-referrer"\/?>/);

    expect((await resetWith(token, "password1234")).result?.fieldErrors?.password?.[0]).toMatch(/commonly used/);
    const chosen = newPassword();
    remember(chosen);
    expect((await resetWith(token, chosen)).redirect).toMatch(/^\/sign-in\?reset=done(;|$)/);
    expect(await page("/sign-in?reset=done")).toContain("Your new password is set");

    for (const cookie of sessions) await expectSignedOut(cookie);
    expect((await signIn(baseUrl, email, TEST_PASSWORD, from(newClientAddress()))).cookie).toBeNull();
    expect((await signIn(baseUrl, email, chosen, from(newClientAddress()))).cookie).toBeTruthy();

    // Used: the page and the action both refuse it, and offer a new one.
    expect((await resetWith(token, newPassword())).result?.error).toMatch(INVALID);
    const used = await page(`/reset-password/${token}`);
    expect(used).toContain("doesn&#x27;t work any more");
    expect(used).toContain('href="/forgot-password"');

    for (const account of [home, other]) {
      const { items } = await expectJson<{ items: { action: string; actor: { type: string; name: string } }[] }>(
        await account.owner("/api/v1/audit-log?action=member.password_reset_by_email"),
        200,
      );
      expect(items).toEqual([
        expect.objectContaining({
          action: "member.password_reset_by_email",
          actor: expect.objectContaining({ type: "member", name: email }),
          changes: { endedSessions: { from: null, to: 3 } },
        }),
      ]);
    }
  });

  it("ends a link after 30 minutes on the test clock, when a newer one is asked for, and when the password changes", async () => {
    const { email, cookie } = await signUp(baseUrl, `Late Org ${unique("o")}`);
    await askForLink(email);
    const older = await linkMailed(email, 1);
    await askForLink(email);
    const newer = await linkMailed(email, 2);
    expect(newer.token).not.toBe(older.token);
    expect(await page(`/reset-password/${older.token}`)).toContain("doesn&#x27;t work any more");
    expect((await resetWith(older.token, newPassword())).result?.error).toMatch(INVALID);

    await setServerClock(baseUrl, 29 * MINUTE);
    expect(await page(`/reset-password/${newer.token}`)).toContain("Set new password");
    await setServerClock(baseUrl, 30 * MINUTE + 1000);
    expect(await page(`/reset-password/${newer.token}`)).toContain("doesn&#x27;t work any more");
    expect((await resetWith(newer.token, newPassword())).result?.error).toMatch(INVALID);
    await setServerClock(baseUrl, 0);

    await askForLink(email);
    const third = await linkMailed(email, 3);
    const changed = newPassword();
    remember(changed);
    const change = await callAction(
      baseUrl,
      "changePasswordAction",
      [{ currentPassword: TEST_PASSWORD, newPassword: changed }],
      cookie,
      "/account",
    );
    expect(actionResult<Result>(await change.text())).toEqual({ ok: true });
    expect(await page(`/reset-password/${third.token}`)).toContain("doesn&#x27;t work any more");
  });

  it("confirms the email of a login that hadn't yet: the link reached the address", async () => {
    const { email, cookie } = await signUp(baseUrl, `Unconfirmed Org ${unique("o")}`, { confirm: false });
    const before = await fetch(`${baseUrl}/api-keys`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(before.headers.get("location")).toContain("/verify-email");
    await askForLink(email);
    const { token } = await linkMailed(email);
    const chosen = newPassword();
    remember(chosen);
    expect((await resetWith(token, chosen)).redirect).toMatch(/^\/sign-in\?reset=done(;|$)/);
    const signedIn = await signIn(baseUrl, email, chosen, from(newClientAddress()));
    const after = await fetch(`${baseUrl}/api-keys`, { headers: { Cookie: signedIn.cookie! }, redirect: "manual" });
    expect(after.status).toBe(200);
  });

  it("stops mailing past 3 links per email and 10 asks per address in an hour, with the same answer", async () => {
    const { email } = await signUp(baseUrl, `Spammed Org ${unique("o")}`);
    for (let i = 0; i < 3; i++) expect((await askForLink(email)).result).toEqual(ANSWER);
    await linkMailed(email, 3);
    expect((await askForLink(email)).result).toEqual(ANSWER);

    const bystander = await signUp(baseUrl, `Bystander Org ${unique("o")}`);
    const sprayer = newClientAddress();
    for (let i = 0; i < 10; i++)
      expect((await askForLink(`${unique("spray")}@example.com`, sprayer)).result).toEqual(ANSWER);
    expect((await askForLink(bystander.email, sprayer)).result).toEqual(ANSWER);
    // From elsewhere the bystander still gets their link: the only mail they get.
    await askForLink(bystander.email);
    await linkMailed(bystander.email);
    expect(mailsTo(bystander.email)).toHaveLength(1);
    expect(mailsTo(email)).toHaveLength(3);
  });

  it("answers known and unknown emails in about the same time (medians of alternating rounds, printed)", async () => {
    const logins = await Promise.all([1, 2, 3, 4].map((n) => signUp(baseUrl, `Timing Org ${n} ${unique("o")}`)));
    const timed = async (email: string) => {
      const startedAt = performance.now();
      expect((await askForLink(email)).result).toEqual(ANSWER);
      return performance.now() - startedAt;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    let mailed = 0;
    // A known email's mail is awaited before the next round, so its sending never
    // overlaps a measured answer; the first round of each warms up and is not counted.
    const askKnown = async (round: number) => {
      const login = logins[round % logins.length];
      const ms = await timed(login.email);
      mailed++;
      await waitForMail(
        () => mailsTo(login.email),
        () => logins.reduce((sum, each) => sum + mailsTo(each.email).length, 0) >= mailed,
      );
      if (round > 0) known.push(ms);
    };
    const askUnknown = async (round: number) => {
      const ms = await timed(`${unique("nobody")}@example.com`);
      if (round > 0) unknown.push(ms);
    };
    for (let round = 0; round < 12; round++) {
      if (round % 2 === 0) {
        await askKnown(round);
        await askUnknown(round);
      } else {
        await askUnknown(round);
        await askKnown(round);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const [knownMs, unknownMs] = [median(known), median(unknown)];
    console.log(
      `forgot password, answer time: known email median ${knownMs.toFixed(1)} ms, unknown ${unknownMs.toFixed(1)} ms (${known.length} rounds each)`,
    );
    // Generous: catches work done for one kind only (a password hash costs several times a whole answer).
    expect(Math.max(knownMs, unknownMs) / Math.min(knownMs, unknownMs)).toBeLessThan(3);
  });
});
