import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { addMember, expectJson, newAccount, roleNamed, unique, type TestAccount } from "../helpers/account";
import { MINUTE, setServerClock } from "../helpers/clock";
import { findProp } from "../helpers/flight";
import { rememberSecrets, roleId } from "../helpers/portal";
import { readable } from "../helpers/smtp";
import { twoFactorClient } from "../helpers/two-factor";
import { waitForMailTo } from "../helpers/verification-mail";

// Two-factor sign-in, "Require two-factor" and step-up, through the server actions and
// next-auth's own door, called raw as an attacker would. Codes are computed here from the
// secret the setup showed, on the server's (test) clock.
const baseUrl = inject("baseUrl");
const PENDING = "wisp-sign-in-pending=";

afterEach(() => setServerClock(baseUrl, 0));

const { act, codeAt, setUpTotp, passwordStep, secondStep } = twoFactorClient(baseUrl);

const opens = async (cookie: string, path = "/account") =>
  (await fetch(baseUrl + path, { headers: { Cookie: cookie }, redirect: "manual" })).status === 200;

async function events(account: TestAccount, action: string) {
  const { items } = await expectJson<{ items: { action: string; target: { name: string } }[] }>(
    await account.owner(`/api/v1/audit-log?action=${action}`),
    200,
  );
  return items;
}

describe("an authenticator app as second factor", () => {
  let account: TestAccount;
  let totp: { secret: string; recoveryCodes: string[] };

  beforeAll(async () => {
    account = await newAccount(baseUrl, unique("Two Factor Org"));
    totp = await setUpTotp(account.session.cookie);
  });

  it("is recorded in the audit log and mailed as a security notice; the secret is never in the mail", async () => {
    expect(totp.recoveryCodes).toHaveLength(10);
    expect(new Set(totp.recoveryCodes).size).toBe(10);
    expect(await events(account, "member.two_factor_add")).toHaveLength(1);
    const mail = await waitForMailTo(account.session.email, (m) => m.subject.includes("authenticator app was added"));
    const body = readable(mail.raw);
    expect(body).toContain("This is a security notice");
    expect(body).not.toContain(totp.secret);
    for (const code of totp.recoveryCodes) expect(body).not.toContain(code);
  });

  it("the password alone opens no session, by the sign-in form or next-auth's own door", async () => {
    const step = await passwordStep(account.session);
    expect(step.cookie).toBeNull();
    expect(step.pending).not.toBeNull();
    expect(step.redirect).toContain("/sign-in/two-factor");

    const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");
    const raw = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { Cookie: csrfCookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: account.session.email, password: account.session.password, csrfToken }),
      redirect: "manual",
    });
    expect(raw.headers.getSetCookie().some((value) => value.startsWith("authjs.session-token="))).toBe(false);
    expect(raw.headers.get("location")).toContain("code=second_factor");
    // A made-up or missing pending sign-in opens nothing, whatever the code.
    const forged = await secondStep(`${PENDING}eyJpIjoiYSJ9.forged`, await codeAt(totp.secret));
    expect(forged).toMatchObject({ cookie: null, result: { ok: false, error: expect.stringContaining("expired") } });
    const none = await secondStep("", await codeAt(totp.secret));
    expect(none).toMatchObject({ cookie: null, result: { ok: false, error: expect.stringContaining("expired") } });
  });

  it("password then code opens the session; a code is accepted once, a later one works", async () => {
    const first = await passwordStep(account.session);
    const wrong = await secondStep(first.pending!, "123456" === (await codeAt(totp.secret, 1)) ? "654321" : "123456");
    expect(wrong.cookie).toBeNull();
    expect(wrong.result).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringContaining("not right")] } });
    // The setup used this moment's code: the app's next one (a step ahead is accepted).
    const code = await codeAt(totp.secret, 1);
    const signedIn = await secondStep(first.pending!, code);
    expect(signedIn.cookie).not.toBeNull();
    expect(await opens(signedIn.cookie!)).toBe(true);

    const again = await passwordStep(account.session);
    const replay = await secondStep(again.pending!, code);
    expect(replay.cookie).toBeNull();
    expect(replay.result?.error).toContain("used already");
    await setServerClock(baseUrl, MINUTE);
    const later = await secondStep(again.pending!, await codeAt(totp.secret));
    expect(later.cookie).not.toBeNull();
  });

  it("a pending sign-in expires after 5 minutes", async () => {
    const step = await passwordStep(account.session);
    await setServerClock(baseUrl, 6 * MINUTE);
    const late = await secondStep(step.pending!, await codeAt(totp.secret, 2));
    expect(late.cookie).toBeNull();
    expect(late.result?.error).toContain("expired");
  });

  it("a recovery code signs in once, and is recorded and mailed", async () => {
    const [code] = totp.recoveryCodes;
    const step = await passwordStep(account.session);
    const signedIn = await secondStep(step.pending!, code.toUpperCase());
    expect(signedIn.cookie).not.toBeNull();
    const again = await passwordStep(account.session);
    const reused = await secondStep(again.pending!, code);
    expect(reused.cookie).toBeNull();
    expect(await events(account, "member.recovery_code_use")).toHaveLength(1);
    await waitForMailTo(account.session.email, (m) => m.subject.includes("recovery code was used"));
  });
});

describe("wrong codes are braked", () => {
  it("5 wrong codes per login in 15 minutes; then even the right code waits", async () => {
    const account = await newAccount(baseUrl, unique("Brake Org"));
    const { secret } = await setUpTotp(account.session.cookie);
    const step = await passwordStep(account.session);
    const right = await codeAt(secret);
    const wrongCode = right === "000001" ? "000002" : "000001";
    for (let i = 0; i < 5; i += 1) expect((await secondStep(step.pending!, wrongCode)).cookie).toBeNull();
    const braked = await secondStep(step.pending!, right);
    expect(braked.cookie).toBeNull();
    expect(braked.result?.error).toMatch(/Too many wrong codes/);
  });
});

describe("Require two-factor", () => {
  it("holds a member without a second factor at the setup until they set one up; keys are not affected", async () => {
    const account = await newAccount(baseUrl, unique("Strict Org"));
    const owner = account.session.cookie;
    const refused = await act("setTwoFactorPolicyAction", { requireTwoFactor: true }, owner, "/team");
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining("your own login first") });
    await setUpTotp(owner);
    const readOnly = await roleNamed(account.owner, "Read Only");
    const member = await addMember(baseUrl, account.owner, readOnly.id, "Held Member");
    // Only an Owner may change the policy.
    const byMember = await act("setTwoFactorPolicyAction", { requireTwoFactor: true }, member.cookie, "/team");
    expect(byMember.ok).toBe(false);
    expect(await act("setTwoFactorPolicyAction", { requireTwoFactor: true }, owner, "/team")).toMatchObject({
      ok: true,
    });
    expect(await events(account, "account.two_factor_policy")).toHaveLength(1);

    const page = await fetch(`${baseUrl}/api-keys`, { headers: { Cookie: member.cookie }, redirect: "manual" });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toContain("/two-factor-setup");
    const action = await act(
      "switchAccountAction",
      { accountId: "00000000-0000-4000-8000-000000000000" },
      member.cookie,
    );
    expect(action).toMatchObject({ ok: false, error: expect.stringContaining("requires two-factor") });
    const team = await fetch(`${baseUrl}/team`, { headers: { Cookie: owner, RSC: "1" } });
    const rows = findProp<{ name: string; twoFactor: boolean }[]>(await team.text(), "members")!;
    expect(rows.find((row) => row.name === "Held Member")?.twoFactor).toBe(false);
    expect((await account.owner("/api/v1/whoami")).status).toBe(200);

    await setUpTotp(member.cookie);
    expect(await opens(member.cookie, "/api-keys")).toBe(true);
    const after = await fetch(`${baseUrl}/team`, { headers: { Cookie: owner, RSC: "1" } });
    const rowsAfter = findProp<{ name: string; twoFactor: boolean }[]>(await after.text(), "members")!;
    expect(rowsAfter.find((row) => row.name === "Held Member")?.twoFactor).toBe(true);
  });
});

describe("step-up for dangerous changes", () => {
  it("refuses raw action requests without a fresh proof, and accepts them after one", async () => {
    const account = await newAccount(baseUrl, unique("Sudo Org"));
    const cookie = account.session.cookie;
    const ownerRole = await roleId(baseUrl, cookie, "Owner");
    const readOnly = await roleId(baseUrl, cookie, "Read Only");
    const member = await addMember(baseUrl, account.owner, readOnly, "Soon Gone");
    await setServerClock(baseUrl, 11 * MINUTE);

    const dangerous: [string, unknown][] = [
      ["createApiKeyAction", { name: "powerful", roleId: ownerRole }],
      ["rollApiKeyAction", { keyId: account.ownerKey.keyId, gracePeriod: "now" }],
      ["updateMemberAction", { id: member.id, roleId: ownerRole }],
      ["removeMemberAction", { id: member.id }],
      ["deleteRoleAction", { id: readOnly }],
      ["setKeyPolicyAction", { maxKeyLifetimeDays: 30 }],
      ["setTwoFactorPolicyAction", { requireTwoFactor: false }],
      ["startTotpSetupAction", {}],
    ];
    for (const [name, input] of dangerous) {
      expect(await act(name, input, cookie, "/api-keys"), name).toMatchObject({ ok: false, stepUp: true });
    }
    expect((await account.owner("/api/v1/whoami")).status).toBe(200);
    // Not dangerous: a key without Full access to keys, roles or team.
    expect(await act("createApiKeyAction", { name: "reader", roleId: readOnly }, cookie, "/api-keys")).toMatchObject({
      ok: true,
    });

    expect(await act("proveIdentityAction", { password: "not my password at all" }, cookie)).toMatchObject({
      ok: false,
      fieldErrors: { password: [expect.any(String)] },
    });
    expect(await act("proveIdentityAction", { password: account.session.password }, cookie)).toMatchObject({
      ok: true,
    });
    expect(await act("removeMemberAction", { id: member.id }, cookie, "/team")).toMatchObject({ ok: true });
    const created = await act<{ secret: string }>(
      "createApiKeyAction",
      { name: "powerful", roleId: ownerRole },
      cookie,
    );
    expect(created.ok).toBe(true);
    await rememberSecrets(created.secret);
  });

  it("a login with a second factor proves it with a code, not the password", async () => {
    const account = await newAccount(baseUrl, unique("Sudo TOTP Org"));
    const cookie = account.session.cookie;
    const { secret } = await setUpTotp(cookie);
    await setServerClock(baseUrl, 11 * MINUTE);
    expect(await act("removeTotpAction", {}, cookie)).toMatchObject({ ok: false, stepUp: true });
    expect(await act("proveIdentityAction", { password: account.session.password }, cookie)).toMatchObject({
      ok: false,
    });
    expect(await act("proveIdentityAction", { code: await codeAt(secret, 1) }, cookie)).toMatchObject({ ok: true });
    expect(await act("removeTotpAction", {}, cookie)).toMatchObject({ ok: true });
    expect(await events(account, "member.two_factor_remove")).toHaveLength(1);
    // Without a factor the password alone signs in again.
    expect((await passwordStep(account.session)).cookie).not.toBeNull();
  });
});
