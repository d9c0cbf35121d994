import { afterEach, describe, expect, inject, it } from "vitest";
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
import { HOUR, setServerClock } from "../helpers/clock";
import { findProp } from "../helpers/flight";
import { actionJson, callAction, createKeyInPortal, signIn, signUp } from "../helpers/portal";

const baseUrl = inject("baseUrl");
type Result = { ok: boolean; error?: string; fieldErrors?: Record<string, string[]> };
type Member = { id: string; email: string; status: string; role: { name: string } };

afterEach(() => setServerClock(baseUrl, 0));

const strongPassword = () => `violet kettle ${unique("pw")} marmalade`;

async function keyNames(cookie: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/api-keys`, { headers: { Cookie: cookie, RSC: "1" } });
  return (findProp<{ name: string }[]>(await response.text(), "rows") ?? []).map((row) => row.name);
}

async function auditActions(call: Call): Promise<string[]> {
  const { items } = await expectJson<{ items: { action: string }[] }>(
    await call("/api/v1/audit-log?pageSize=100"),
    200,
  );
  return items.map((item) => item.action);
}

describe("invitations", () => {
  it("answer exactly the same for an email that has a login in another account and for a new one", async () => {
    const inviter = await newAccount(baseUrl, "Inviter Org");
    const elsewhere = await signUp(baseUrl, "Elsewhere Org");
    const readOnly = await roleNamed(inviter.owner, "Read Only");
    const shape = (member: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(member).map(([key, value]) => [key, typeof value]));
    const known = await invite(inviter.owner, readOnly.id, elsewhere.email);
    const fresh = await invite(inviter.owner, readOnly.id);
    expect(shape(known)).toEqual(shape(fresh));
    expect(known).toMatchObject({ status: "invited", email: elsewhere.email });
    expect(fresh.status).toBe("invited");
    expect(known.invitationUrl).toMatch(/\/invite\/[\w-]{43}$/);
    // Only a clash inside this account is refused.
    const again = await inviter.owner("/api/v1/team", {
      method: "POST",
      json: { name: "Again", email: fresh.email, roleId: readOnly.id },
    });
    expect(again.status).toBe(409);
    // Inviting an address creates no login: its owner can still sign up with it.
    const squatted = await invite(inviter.owner, readOnly.id);
    const form = new FormData();
    for (const [key, value] of Object.entries({
      accountName: "Own Org",
      name: "Real Owner",
      email: squatted.email,
      password: strongPassword(),
    }))
      form.set(key, value);
    const signUpResponse = await callAction(baseUrl, "signUpAction", [null, form], "", "/sign-up");
    expect(signUpResponse.headers.getSetCookie().some((value) => value.startsWith("authjs.session-token="))).toBe(true);
  });

  it("let a new person choose a password (the policy applies) and sign in; the link works once", async () => {
    const inviter = await newAccount(baseUrl, "Welcoming Org");
    const readOnly = await roleNamed(inviter.owner, "Read Only");
    const invited = await invite(inviter.owner, readOnly.id);
    const weak = await acceptInvitation(baseUrl, invited.invitationUrl, "password1234");
    expect(weak.cookie).toBeNull();
    expect(weak.result?.fieldErrors?.password?.[0]).toMatch(/commonly used password/);

    const joined = await acceptInvitation(baseUrl, invited.invitationUrl, strongPassword());
    expect(joined.cookie).toBeTruthy();
    expect((await fetch(`${baseUrl}/api-keys`, { headers: { Cookie: joined.cookie! } })).status).toBe(200);
    const member = await expectJson<Member>(await inviter.owner(`/api/v1/team/${invited.id}`), 200);
    expect(member.status).toBe("active");

    const reused = await acceptInvitation(baseUrl, invited.invitationUrl, strongPassword());
    expect(reused.result?.error).toMatch(/not valid any more/);
    const actions = await auditActions(inviter.owner);
    expect(actions).toEqual(expect.arrayContaining(["invitation.create", "invitation.accept", "member.sign_in"]));
  });

  it("let an existing person (member of another account) accept with their password, then switch between both accounts, each showing only its own data", async () => {
    const home = await newAccount(baseUrl, "Home Org");
    await createKeyInPortal(baseUrl, home.session.cookie, "home-only key");
    const guest = await newAccount(baseUrl, "Guest Org");
    await createKeyInPortal(baseUrl, guest.session.cookie, "guest-only key");
    const ownerRole = await roleNamed(guest.owner, "Owner");
    const invited = await invite(guest.owner, ownerRole.id, home.session.email);

    const wrong = await acceptInvitation(baseUrl, invited.invitationUrl, "not the right password");
    expect(wrong.result?.fieldErrors?.password).toEqual(["This email already has a login: enter its password."]);
    const joined = await acceptInvitation(baseUrl, invited.invitationUrl, home.session.password);
    const cookie = joined.cookie!;
    expect(cookie).toBeTruthy();

    // The sign-in lands in the account that invited them.
    expect(await keyNames(cookie)).toEqual(expect.arrayContaining(["guest-only key"]));
    expect(await keyNames(cookie)).not.toContain("home-only key");

    const { items } = await expectJson<{ items: { id: string; name: string }[] }>(
      await home.owner("/api/v1/team"),
      200,
    );
    const homeAccountId = (await expectJson<{ account: { id: string } }>(await home.owner("/api/v1/whoami"), 200))
      .account.id;
    expect(items).toHaveLength(1);
    const switched = await actionJson<Result>(
      await callAction(baseUrl, "switchAccountAction", [{ accountId: homeAccountId }], cookie),
    );
    expect(switched).toMatchObject({ ok: true, accountName: "Home Org", landing: "/api-keys" });
    expect(await keyNames(cookie)).toEqual(expect.arrayContaining(["home-only key"]));
    expect(await keyNames(cookie)).not.toContain("guest-only key");

    // An account this login is not a member of can't be switched to.
    const stranger = await newAccount(baseUrl, "Stranger Org");
    const strangerId = (await expectJson<{ account: { id: string } }>(await stranger.owner("/api/v1/whoami"), 200))
      .account.id;
    const refused = await actionJson<Result>(
      await callAction(baseUrl, "switchAccountAction", [{ accountId: strangerId }], cookie),
    );
    expect(refused).toMatchObject({ ok: false, error: "You are not a member of this account." });
  });

  it("stop working when revoked or after 7 days", async () => {
    const inviter = await newAccount(baseUrl, "Revoking Org");
    const readOnly = await roleNamed(inviter.owner, "Read Only");
    const revoked = await invite(inviter.owner, readOnly.id);
    expect((await inviter.owner(`/api/v1/team/${revoked.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await acceptInvitation(baseUrl, revoked.invitationUrl, strongPassword())).result?.error).toMatch(
      /not valid any more/,
    );
    expect(await auditActions(inviter.owner)).toContain("invitation.revoke");

    const late = await invite(inviter.owner, readOnly.id);
    await setServerClock(baseUrl, 7 * 24 * HOUR + HOUR);
    expect((await acceptInvitation(baseUrl, late.invitationUrl, strongPassword())).result?.error).toMatch(
      /not valid any more/,
    );
  });
});

describe("password reset by an admin", () => {
  it("shows a one-time password once, ends the member's sessions, and makes them choose their own", async () => {
    const account = await newAccount(baseUrl, "Reset Org");
    const readOnly = await roleNamed(account.owner, "Read Only");
    const member = await addMember(baseUrl, account.owner, readOnly.id, "Forgetful");
    const reset = await actionJson<Result & { oneTimePassword?: string }>(
      await callAction(baseUrl, "resetMemberPasswordAction", [{ id: member.id }], account.session.cookie, "/team"),
    );
    expect(reset.ok).toBe(true);
    const oneTimePassword = reset.oneTimePassword!;
    expect(
      (await fetch(`${baseUrl}/api-keys`, { headers: { Cookie: member.cookie }, redirect: "manual" })).status,
    ).toBe(307);
    expect((await signIn(baseUrl, member.email, member.password)).cookie).toBeNull();

    const { cookie } = await signIn(baseUrl, member.email, oneTimePassword);
    const page = await fetch(`${baseUrl}/api-keys`, { headers: { Cookie: cookie! }, redirect: "manual" });
    expect(page.headers.get("location")).toContain("/set-password?next=%2Fapi-keys");
    const blocked = await actionJson<Result>(
      await callAction(baseUrl, "createApiKeyAction", [{ name: "x", roleId: readOnly.id }], cookie!),
    );
    expect(blocked.error).toMatch(/Set your own password first/);
    const set = await callAction(
      baseUrl,
      "changePasswordAction",
      [{ currentPassword: oneTimePassword, newPassword: strongPassword(), next: "/api-keys" }],
      cookie!,
      "/set-password",
    );
    expect(set.headers.get("x-action-redirect")).toContain("/api-keys");
    expect((await fetch(`${baseUrl}/api-keys`, { headers: { Cookie: cookie! } })).status).toBe(200);
    expect(await auditActions(account.owner)).toEqual(
      expect.arrayContaining(["member.password_reset", "member.password_change"]),
    );
  });

  it("signs in once with a one-time password, and not after 24 hours", async () => {
    const account = await newAccount(baseUrl, "One Time Org");
    const readOnly = await roleNamed(account.owner, "Read Only");
    const member = await addMember(baseUrl, account.owner, readOnly.id, "Once");
    const resetPassword = async () =>
      (
        await actionJson<Result & { oneTimePassword?: string }>(
          await callAction(baseUrl, "resetMemberPasswordAction", [{ id: member.id }], account.session.cookie, "/team"),
        )
      ).oneTimePassword!;
    const first = await resetPassword();
    expect((await signIn(baseUrl, member.email, first)).cookie).not.toBeNull();
    const again = await signIn(baseUrl, member.email, first);
    expect(again.cookie).toBeNull();
    expect(await again.response.text()).toContain("already used to sign in");

    const second = await resetPassword();
    await setServerClock(baseUrl, 24 * HOUR + 60_000);
    const late = await signIn(baseUrl, member.email, second);
    expect(late.cookie).toBeNull();
    expect(await late.response.text()).toContain("has expired");
  });

  it("is refused above one's own access, for one's own password, and for a login shared with another account", async () => {
    const account = await newAccount(baseUrl, "Reset Rules Org");
    const teamLead = await createRole(account.owner, { team: "FULL" });
    const lead = await addMember(baseUrl, account.owner, teamLead.id, "Lead");
    const ownerId = (
      await expectJson<{ items: { id: string; role: { name: string } }[] }>(await account.owner("/api/v1/team"), 200)
    ).items.find((item) => item.role.name === "Owner")!.id;
    const above = await actionJson<Result>(
      await callAction(baseUrl, "resetMemberPasswordAction", [{ id: ownerId }], lead.cookie, "/team"),
    );
    expect(above.ok).toBe(false);
    expect(above.error).toMatch(/more access than you/);
    const own = await actionJson<Result>(
      await callAction(baseUrl, "resetMemberPasswordAction", [{ id: ownerId }], account.session.cookie, "/team"),
    );
    expect(own.error).toMatch(/your account page/);

    const other = await newAccount(baseUrl, "Shared Login Org");
    const invited = await invite(other.owner, (await roleNamed(other.owner, "Read Only")).id, lead.email);
    await acceptInvitation(baseUrl, invited.invitationUrl, lead.password);
    const shared = await actionJson<Result>(
      await callAction(baseUrl, "resetMemberPasswordAction", [{ id: lead.id }], account.session.cookie, "/team"),
    );
    expect(shared.error).toMatch(/another organisation/);
  });
});

describe("where a sign-in lands", () => {
  it("on the page asked for (same origin only), else the first page the member may see", async () => {
    const account = await newAccount(baseUrl, "Landing Org");
    const usersOnly = await createRole(account.owner, { users: "READ" });
    const member = await addMember(baseUrl, account.owner, usersOnly.id, "Users Only");
    const landing = async (next?: string) => {
      const form = new FormData();
      form.set("email", member.email);
      form.set("password", member.password);
      if (next !== undefined) form.set("next", next);
      const response = await callAction(baseUrl, "signInAction", [null, form], "", "/sign-in");
      const location = new URL(response.headers.get("x-action-redirect")!.split(";")[0], baseUrl);
      expect(location.origin).toBe(baseUrl);
      return location.pathname + location.search;
    };
    expect(await landing("/vouchers?page=2")).toBe("/vouchers?page=2");
    for (const evil of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
      expect(await landing(evil)).toBe("/");
    }
    const { cookie } = await signIn(baseUrl, member.email, member.password);
    const home = await fetch(`${baseUrl}/`, { headers: { Cookie: cookie! }, redirect: "manual" });
    expect(home.headers.get("location")).toMatch(/\/users$/);
    const signInPage = await fetch(`${baseUrl}/team`, { redirect: "manual" });
    expect(signInPage.headers.get("location")).toContain("/sign-in?next=%2Fteam");
  });
});
