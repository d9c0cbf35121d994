import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import {
  acceptInvitation,
  addMember,
  createRole,
  expectJson,
  invite,
  newAccount,
  roleNamed,
  unique,
  type Call,
} from "../helpers/account";
import {
  actionJson,
  callAction,
  confirmEmail,
  rememberSecrets,
  signIn,
  signUp,
  TEST_PASSWORD,
} from "../helpers/portal";
import { header, readable, type ReceivedMail } from "../helpers/smtp";
import {
  codeIn,
  linkTokenIn,
  VERIFICATION_SUBJECT,
  waitForMailTo,
  waitForVerificationMail,
} from "../helpers/verification-mail";

// A new login proves it controls its email with the code or the link of a mail that
// arrives at the project's real SMTP server (tests/api/global-setup.ts); until then it can
// sign in only to "Check your email". An unconfirmed claim gives way to the address's real
// owner. Invitations can be sent again (the old link dies) and revoked.
const baseUrl = inject("baseUrl");
type Result = { ok: boolean; error?: string; fieldErrors?: Record<string, string[]> };

const open = (cookie: string, path: string) =>
  fetch(baseUrl + path, { headers: { Cookie: cookie }, redirect: "manual" });
const act = async (name: string, input: unknown, cookie: string, page = "/verify-email") =>
  callAction(baseUrl, name, [input], cookie, page);
const actResult = async (name: string, input: unknown, cookie: string, page?: string) =>
  actionJson<Result & Record<string, unknown>>(await act(name, input, cookie, page));
const enterCode = (cookie: string, code: string) => act("verifyEmailCodeAction", { code }, cookie);
const strongPassword = () => `violet kettle ${unique("pw")} marmalade`;

async function expectSentToVerify(cookie: string, path = "/api-keys") {
  const response = await open(cookie, path);
  expect(response.status, path).toBe(307);
  expect(response.headers.get("location"), path).toContain("/verify-email");
}

async function auditActions(call: Call): Promise<string[]> {
  const { items } = await expectJson<{ items: { action: string }[] }>(
    await call("/api/v1/audit-log?pageSize=100"),
    200,
  );
  return items.map((item) => item.action);
}

async function linkPage(token: string): Promise<string> {
  return (await fetch(`${baseUrl}/verify-email/${token}`)).text();
}

describe("a new login's email", { timeout: 90_000 }, () => {
  it("gets a code and a link by mail; until confirmed the login reaches no page, action or key; wrong codes and new mails are limited; the link confirms", async () => {
    const session = await signUp(baseUrl, `Unconfirmed ${unique("o")}`, { confirm: false });
    const first = await waitForVerificationMail(session.email);
    const body = readable(first.raw);
    expect(first.subject).toBe(VERIFICATION_SUBJECT);
    expect(header(first.raw, "From")).toBe("Wisp Portal <portal@example.test>");
    expect(body).toMatch(/Content-Type: text\/plain/);
    expect(body).toMatch(/Content-Type: text\/html/);
    expect(body).toContain("Hello Ada Owner,");
    expect(codeIn(first)).toMatch(/^\d{6}$/);
    // The link from APP_URL (this server's own address, tests/api/global-setup.ts); without it
    // this server on localhost (mail-setup.test.ts): never the request's Host.
    expect(body).toContain(`${baseUrl}/verify-email/${linkTokenIn(first)}`);
    expect(body).toMatch(/expires on \d{1,2} \w+ \d{4}(,| at) \d\d:\d\d UTC\./);
    expect(body).not.toContain(session.password);
    await rememberSecrets("", [linkTokenIn(first)]);

    // Signed in, but only to "Check your email": every page, the sign-in page and "/" send it there.
    for (const path of ["/api-keys", "/team", "/account", "/", "/sign-in"])
      await expectSentToVerify(session.cookie, path);
    expect((await open(session.cookie, "/verify-email")).status).toBe(200);
    expect((await open(session.cookie, "/audit-log/export")).status).toBe(401);
    // No action: not a key, not a password change, not an account switch.
    for (const [name, input] of [
      ["createApiKeyAction", { name: "sneaky", roleId: randomUUID() }],
      ["changePasswordAction", { currentPassword: session.password, newPassword: strongPassword() }],
      ["switchAccountAction", { accountId: randomUUID() }],
    ] as const) {
      const refused = await actResult(name, input, session.cookie, "/api-keys");
      expect(refused, name).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^Confirm your email address first/),
      });
    }

    // Five tries per code, each counted before it is compared; then even the right code is refused.
    const right = codeIn(first);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    for (const left of [4, 3, 2, 1]) {
      const result = await actionJson<Result>(await enterCode(session.cookie, wrong));
      expect(result.fieldErrors?.code).toEqual([
        `This code is not right. ${left} ${left === 1 ? "try" : "tries"} left.`,
      ]);
    }
    expect((await actionJson<Result>(await enterCode(session.cookie, wrong))).fieldErrors?.code?.[0]).toMatch(
      /can't be tried again/,
    );
    expect((await actionJson<Result>(await enterCode(session.cookie, right))).fieldErrors?.code?.[0]).toMatch(
      /expired or was tried too often/,
    );

    // A new mail: a new code and link; the old link is dead.
    const seen = [first.messageId];
    const resend = async (): Promise<Result & { mail?: ReceivedMail }> => {
      const result = await actResult("resendVerificationAction", {}, session.cookie);
      if (!result.ok) return result;
      const mail = await waitForVerificationMail(session.email, seen);
      seen.push(mail.messageId);
      await rememberSecrets("", [linkTokenIn(mail)]);
      return { ...result, mail };
    };
    const second = await resend();
    expect(second).toMatchObject({ ok: true, mailed: true });
    expect(await linkPage(linkTokenIn(first))).toContain("This link is not valid any more");
    // Ten wrong codes per login per hour, over every mail: then not even the right one.
    const secondCode = codeIn(second.mail!);
    const secondWrong = String((Number(secondCode) + 1) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 5; i++) await (await enterCode(session.cookie, secondWrong)).text();
    const braked = await actionJson<Result>(await enterCode(session.cookie, secondCode));
    expect(braked.error).toMatch(/^Too many wrong codes\. Try again in \d+ minutes?, or open the link in the mail\.$/);
    await expectSentToVerify(session.cookie);

    // Three new mails per 15 minutes.
    await resend();
    const last = await resend();
    expect((await resend()).error).toMatch(/^You asked for 3 new mails within 15 minutes\. Try again in/);

    // The link: opening it changes nothing (mail scanners open links); its button confirms,
    // from any browser, without a session.
    const token = linkTokenIn(last.mail!);
    const page = await linkPage(token);
    expect(page).toContain("Confirm your email");
    expect(page).toContain(session.email);
    await expectSentToVerify(session.cookie);
    const confirmed = await actionJson<Result>(
      await callAction(baseUrl, "confirmEmailLinkAction", [{ token }], "", `/verify-email/${token}`),
    );
    expect(confirmed).toEqual({ ok: true });
    expect(await linkPage(token)).toContain("This link is not valid any more");
    expect((await open(session.cookie, "/api-keys")).status).toBe(200);
    expect((await open(session.cookie, "/verify-email")).headers.get("location")).toContain("/api-keys");
  });

  it("is confirmed by the code (spaces allowed) and goes on to the page asked for, recorded in the audit log", async () => {
    const account = await newAccount(baseUrl, "Confirmed Org");
    const readOnly = await roleNamed(account.owner, "Read Only");
    const invited = await invite(account.owner, readOnly.id);
    const joined = await acceptInvitation(baseUrl, invited.invitationUrl, strongPassword(), "", { confirm: false });
    expect(joined.response?.headers.get("x-action-redirect")).toContain("/verify-email");
    const cookie = joined.cookie!;
    const member = await expectJson<{ status: string }>(await account.owner(`/api/v1/team/${invited.id}`), 200);
    expect(member.status).toBe("unverified");
    await expectSentToVerify(cookie, "/users");

    const code = codeIn(await waitForVerificationMail(invited.email));
    const response = await callAction(
      baseUrl,
      "verifyEmailCodeAction",
      [{ code: `${code.slice(0, 3)} ${code.slice(3)}`, next: "/users?page=1" }],
      cookie,
      "/verify-email",
    );
    expect(response.headers.get("x-action-redirect")).toContain("/users?page=1");
    await response.text();
    expect((await open(cookie, "/users")).status).toBe(200);
    expect((await expectJson<{ status: string }>(await account.owner(`/api/v1/team/${invited.id}`), 200)).status).toBe(
      "active",
    );
    expect(await auditActions(account.owner)).toEqual(
      expect.arrayContaining(["invitation.accept", "member.email_verify"]),
    );
  });
});

describe("an unconfirmed claim", { timeout: 90_000 }, () => {
  it("never blocks the address's real owner: a fresh sign-up or acceptance ends it, and whoever confirms owns the address", async () => {
    const email = `${unique("claimed")}@example.com`;
    const [inviter, ownersOrg] = await Promise.all([
      newAccount(baseUrl, "Claim Inviter Org"),
      newAccount(baseUrl, "Owner's Own Org"),
    ]);
    const readOnly = await roleNamed(inviter.owner, "Read Only");

    // Someone who doesn't own the address signs up with it, and accepts an invitation for it
    // with the same password (the same claim going on).
    const squatterPassword = strongPassword();
    const form = new FormData();
    for (const [key, value] of Object.entries({
      accountName: "Squat Org",
      name: "Squatter",
      email,
      password: squatterPassword,
    }))
      form.set(key, value);
    const squat = await callAction(baseUrl, "signUpAction", [null, form], "", "/sign-up");
    expect(squat.headers.get("x-action-redirect")).toContain("/verify-email");
    await squat.text();
    const squatMail = await waitForVerificationMail(email);
    await rememberSecrets("", [linkTokenIn(squatMail)]);
    const invitation = await invite(inviter.owner, readOnly.id, email);
    const squatJoined = await acceptInvitation(baseUrl, invitation.invitationUrl, squatterPassword, "", {
      confirm: false,
    });
    const squatCookie = squatJoined.cookie!;
    expect(squatCookie).toBeTruthy();
    expect(
      (await expectJson<{ status: string }>(await inviter.owner(`/api/v1/team/${invitation.id}`), 200)).status,
    ).toBe("unverified");

    // (Its acceptance mailed it a new code too.)
    const seen = [squatMail.messageId, (await waitForVerificationMail(email, [squatMail.messageId])).messageId];

    // The real owner accepts their own invitation (from another organisation) with their own
    // password: a fresh claim, which ends the other.
    const ownInvitation = await invite(ownersOrg.owner, (await roleNamed(ownersOrg.owner, "Read Only")).id, email);
    const joined = await acceptInvitation(baseUrl, ownInvitation.invitationUrl, TEST_PASSWORD, "", { confirm: false });
    const owner = { cookie: joined.cookie! };
    expect(joined.response?.headers.get("x-action-redirect")).toContain("/verify-email");
    expect((await open(squatCookie, "/verify-email")).headers.get("location")).toContain("/sign-in");
    expect((await signIn(baseUrl, email, squatterPassword)).cookie).toBeNull();
    expect(await linkPage(linkTokenIn(squatMail))).toContain("This link is not valid any more");
    // The inviter's member is invited again, with a link nobody holds.
    const reopened = await expectJson<{ status: string; invitationExpiresAt: string }>(
      await inviter.owner(`/api/v1/team/${invitation.id}`),
      200,
    );
    expect(reopened.status).toBe("invited");
    expect(new Date(reopened.invitationExpiresAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(await auditActions(inviter.owner)).toContain("invitation.reopen");
    const dead = await acceptInvitation(baseUrl, invitation.invitationUrl, squatterPassword);
    expect(dead.result?.error).toMatch(/not valid any more/);

    // The owner confirms: the address is theirs, and only their password adds it anywhere.
    await confirmEmail(baseUrl, owner.cookie, email, seen);
    expect((await open(owner.cookie, "/api-keys")).status).toBe(200);
    const again = new FormData();
    for (const [key, value] of Object.entries({ accountName: "Late", name: "Late", email, password: strongPassword() }))
      again.set(key, value);
    const refused = await actionJson<Result>(await callAction(baseUrl, "signUpAction", [null, again], "", "/sign-up"));
    expect(refused.fieldErrors?.email?.[0]).toMatch(/already has a login/);

    // The inviter sends a new link; the owner, signed in, accepts it.
    const resent = await expectJson<{ invitationUrl: string }>(
      await inviter.owner(`/api/v1/team/${invitation.id}/invitation`, { method: "POST" }),
      200,
    );
    await rememberSecrets("", [resent.invitationUrl.split("/").pop()!]);
    const accepted = await acceptInvitation(baseUrl, resent.invitationUrl, "", owner.cookie);
    expect(accepted.response?.headers.get("x-action-redirect")).toContain("/api-keys");
    expect(
      (await expectJson<{ status: string }>(await inviter.owner(`/api/v1/team/${invitation.id}`), 200)).status,
    ).toBe("active");

    // A sign-up over an unconfirmed sign-up, with another password, is a fresh claim too.
    const other = `${unique("twice")}@example.com`;
    const first = await signUp(baseUrl, "First Claim Org", { confirm: false, email: other });
    const firstMail = await waitForVerificationMail(other);
    await rememberSecrets("", [linkTokenIn(firstMail)]);
    const second = await signUp(baseUrl, "Second Claim Org", {
      confirm: false,
      email: other,
      password: strongPassword(),
    });
    expect((await open(first.cookie, "/verify-email")).headers.get("location")).toContain("/sign-in");
    await confirmEmail(baseUrl, second.cookie, other, [firstMail.messageId]);
    expect((await open(second.cookie, "/api-keys")).status).toBe(200);
  });

  it("can't attach a login to an account: accepting for a confirmed login takes its password or its session", async () => {
    const home = await newAccount(baseUrl, "Attach Home Org");
    const guest = await newAccount(baseUrl, "Attach Guest Org");
    const invited = await invite(guest.owner, (await roleNamed(guest.owner, "Read Only")).id, home.session.email);
    const token = invited.invitationUrl.split("/").pop()!;
    const accept = (input: Record<string, unknown>, cookie = "") =>
      actResult("acceptInvitationAction", { token, ...input }, cookie, `/invite/${token}`);
    // Not signed in: a password, and the login's own.
    expect(await accept({})).toMatchObject({ fieldErrors: { password: ["Enter a password."] } });
    expect(await accept({ password: strongPassword() })).toMatchObject({
      fieldErrors: { password: ["This email already has a login: enter its password."] },
    });
    // Signed in as another login: refused.
    expect((await accept({}, guest.session.cookie)).error).toMatch(/You are signed in as/);
    // An unconfirmed login's session proves nothing: it is asked for a password.
    const claim = await signUp(baseUrl, "Claim Org", { confirm: false });
    expect(await accept({}, claim.cookie)).toMatchObject({ fieldErrors: { password: ["Enter a password."] } });
    // Signed in as the login itself: accepted without a password.
    const joined = await act("acceptInvitationAction", { token }, home.session.cookie, `/invite/${token}`);
    expect(joined.headers.get("x-action-redirect")).toContain("/api-keys");
    await joined.text();
  });
});

describe("invitations sent again and revoked", { timeout: 90_000 }, () => {
  it("kill the old link, mail the new one, follow the access rule and are limited", async () => {
    const account = await newAccount(baseUrl, "Resend Org");
    const ownerRole = await roleNamed(account.owner, "Owner");
    const email = `${unique("resent")}@example.com`;
    const invited = await invite(account.owner, ownerRole.id, email, "Rosa Resent");
    await waitForMailTo(email, (mail) => readable(mail.raw).includes(invited.invitationUrl));

    // From the Team page: a new link, mailed.
    const resend = () =>
      actResult("resendInvitationAction", { id: invited.id }, account.session.cookie, "/team") as Promise<
        Result & { invitationUrl?: string; invitationMailed?: boolean }
      >;
    const fromPage = await resend();
    expect(fromPage).toMatchObject({ ok: true, email, invitationMailed: true });
    expect(fromPage.invitationUrl).not.toBe(invited.invitationUrl);
    await waitForMailTo(email, (mail) => readable(mail.raw).includes(fromPage.invitationUrl!));
    expect((await acceptInvitation(baseUrl, invited.invitationUrl, strongPassword())).result?.error).toMatch(
      /not valid any more/,
    );

    // Over the API: the same, answered with the member and the new link once.
    const fromApi = await expectJson<{ status: string; invitationUrl: string; invitationExpiresAt: string }>(
      await account.owner(`/api/v1/team/${invited.id}/invitation`, { method: "POST" }),
      200,
    );
    expect(fromApi.status).toBe("invited");
    expect(new Date(fromApi.invitationExpiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
    await waitForMailTo(email, (mail) => readable(mail.raw).includes(fromApi.invitationUrl));
    expect((await acceptInvitation(baseUrl, fromPage.invitationUrl!, strongPassword())).result?.error).toMatch(
      /not valid any more/,
    );
    const third = await resend();
    expect(third.ok).toBe(true);
    expect((await resend()).error).toMatch(/^This invitation was sent 3 times within 15 minutes\. Try again in/);
    for (const url of [invited.invitationUrl, fromPage.invitationUrl!, fromApi.invitationUrl, third.invitationUrl!])
      await rememberSecrets("", [url.split("/").pop()!]);

    // Nobody sends an invitation to more access than their own; an accepted one has nothing to resend.
    const teamLead = await createRole(account.owner, { team: "FULL" });
    const lead = await addMember(baseUrl, account.owner, teamLead.id, "Lead");
    const above = await actResult("resendInvitationAction", { id: invited.id }, lead.cookie, "/team");
    expect(above.error).toMatch(/more access than you/);
    const accepted = await actResult("resendInvitationAction", { id: lead.id }, account.session.cookie, "/team");
    expect(accepted.error).toMatch(/accepted the invitation already/);
    expect(
      (await account.owner(`/api/v1/team/${lead.id}/invitation`, { method: "POST" })).status,
      "an accepted member over the API",
    ).toBe(409);

    // Revoked from the Team page: the last link dies too.
    const revoked = await actResult("removeMemberAction", { id: invited.id }, account.session.cookie, "/team");
    expect(revoked.ok).toBe(true);
    expect((await acceptInvitation(baseUrl, third.invitationUrl!, strongPassword())).result?.error).toMatch(
      /not valid any more/,
    );
    expect(await auditActions(account.owner)).toEqual(
      expect.arrayContaining(["invitation.resend", "invitation.revoke"]),
    );
  });
});
