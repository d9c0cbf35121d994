import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  acceptInvitation,
  addMember,
  createRole,
  expectJson,
  invite,
  newAccount,
  unique,
  type TestAccount,
} from "../helpers/account";
import { newClientAddress } from "../helpers/clock";
import { findProp } from "../helpers/flight";
import { passkeyChallenge, passkeySignIn, registerPasskey } from "../helpers/passkey-sign-in";
import { startOidcProvider, type TestIdp } from "../helpers/oidc";
import { actionJson, callAction, rememberSecrets, signIn } from "../helpers/portal";
import { testPort } from "../helpers/server";
import { ssoSignIn } from "../helpers/sso";

// Single sign-on against a real OpenID provider (oidc-provider) on loopback: the test
// server runs with SSO_ALLOW_PRIVATE_NETWORKS=1 (tests/api/global-setup.ts), as a
// provider inside one's own network needs.
const baseUrl = inject("baseUrl");
const onPostgres = inject("database") === "postgres";
const idpPort = testPort(onPostgres ? 3337 : 3336);
const deadPort = testPort(onPostgres ? 3339 : 3338);
const clientId = "wisp-api-tests";
const clientSecret = randomBytes(18).toString("base64url");

type Result = {
  ok: boolean;
  error?: string;
  fieldErrors?: Record<string, string[]>;
  settings?: Record<string, unknown>;
};
type Member = { id: string; email: string; role: { id: string; name: string }; status: string };
type Event = { action: string; target: { name: string | null }; changes: Record<string, unknown> | null };

let idp: TestIdp;
let account: TestAccount;
let domain: string;

const saveSettings = (cookie: string, settings: Record<string, unknown>) =>
  callAction(baseUrl, "saveSsoSettingsAction", [settings], cookie, "/single-sign-on").then(actionJson<Result>);

async function members(owner = account.owner): Promise<Member[]> {
  return (await expectJson<{ items: Member[] }>(await owner("/api/v1/team?pageSize=100"), 200)).items;
}

async function events(action: string): Promise<Event[]> {
  return (await expectJson<{ items: Event[] }>(await account.owner(`/api/v1/audit-log?action=${action}`), 200)).items;
}

beforeAll(async () => {
  idp = await startOidcProvider(idpPort, [
    { client_id: clientId, client_secret: clientSecret, redirect_uris: [`${baseUrl}/sign-in/sso/callback`] },
  ]);
  await rememberSecrets("", [clientSecret]);
  account = await newAccount(baseUrl, "SSO Org");
  domain = `${unique("corp")}.test`;
  const saved = await saveSettings(account.session.cookie, {
    issuer: idp.issuer,
    clientId,
    clientSecret,
    allowedDomains: `${domain}, @Other-${domain}`,
    requireSso: false,
    allowJoin: false,
    defaultRoleId: null,
  });
  expect(saved).toMatchObject({ ok: true, settings: { allowedDomains: [domain, `other-${domain}`] } });
});

afterAll(async () => {
  await idp?.stop();
});

describe("single sign-on settings", () => {
  it("never send the client secret back: the action and the page only say that one is set", async () => {
    const page = await fetch(`${baseUrl}/single-sign-on`, { headers: { Cookie: account.session.cookie, RSC: "1" } });
    const text = await page.text();
    expect(text).not.toContain(clientSecret);
    expect(findProp<{ clientSecretSet: boolean; issuer: string }>(text, "settings")).toMatchObject({
      clientSecretSet: true,
      issuer: idp.issuer,
    });
    // Saving without a secret keeps the stored one (sign-in below still works with it).
    const kept = await saveSettings(account.session.cookie, {
      issuer: idp.issuer,
      clientId,
      clientSecret: "",
      allowedDomains: `${domain}, other-${domain}`,
    });
    expect(kept, JSON.stringify(kept)).toMatchObject({ ok: true });
    expect(JSON.stringify(kept)).not.toContain(clientSecret);
    const [update] = await events("account.sso_update");
    expect(JSON.stringify(update)).not.toContain(clientSecret);
  });

  it("are the Owners' alone: another member's raw action is refused", async () => {
    const role = await createRole(account.owner, { team: "FULL", roles: "FULL" });
    const admin = await addMember(baseUrl, account.owner, role.id);
    const refused = await saveSettings(admin.cookie, { issuer: idp.issuer, clientId, allowedDomains: "" });
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining("Only Owners") });
  });
});

describe("signing in through the provider", () => {
  it("signs an invited member in, through the provider, into a portal session", async () => {
    const email = `${unique("invitee")}@${domain}`;
    const role = await createRole(account.owner, { api_keys: "READ" });
    await invite(account.owner, role.id, email, "Ivy Invitee");
    const outcome = await ssoSignIn(baseUrl, email);
    expect(outcome.cookie, JSON.stringify(outcome)).toBeTruthy();
    const page = await fetch(`${baseUrl}/api-keys`, { headers: { Cookie: outcome.cookie! }, redirect: "manual" });
    expect(page.status).toBe(200);
    const member = (await members()).find((row) => row.email === email);
    expect(member).toMatchObject({ status: "active", role: { name: role.name } });
    const signIns = await events("member.sign_in");
    expect(signIns.find((event) => event.target.name === email)?.changes).toMatchObject({
      via: { to: "single sign-on" },
    });
    // Once more: the member signs in again the same way.
    expect((await ssoSignIn(baseUrl, email)).cookie).toBeTruthy();
  });

  it("refuses an address the provider vouches for outside the allowed domains", async () => {
    const email = `${unique("invitee")}@${domain}`;
    await invite(account.owner, (await createRole(account.owner, {})).id, email);
    const outcome = await ssoSignIn(baseUrl, email, `${unique("someone")}@elsewhere.test`);
    expect(outcome).toMatchObject({ cookie: null, error: "domain" });
    const page = await fetch(outcome.location!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("does not accept email addresses of this domain");
  });

  it("lets nobody in uninvited unless the Owner allows people of the domain to join, with the join role", async () => {
    const email = `${unique("newcomer")}@${domain}`;
    // Typed into the portal: no account takes this email yet (no invitation, no joining).
    const unknown = await ssoSignIn(baseUrl, email);
    expect(unknown).toMatchObject({ cookie: null, error: "action" });
    // Typed as an invited address, but the provider signs in someone else of the domain.
    const invited = `${unique("invitee")}@${domain}`;
    await invite(account.owner, (await createRole(account.owner, {})).id, invited);
    expect(await ssoSignIn(baseUrl, invited, email)).toMatchObject({ cookie: null, error: "not_invited" });

    const joinRole = await createRole(account.owner, { users: "READ" });
    expect(
      await saveSettings(account.session.cookie, {
        issuer: idp.issuer,
        clientId,
        allowedDomains: domain,
        allowJoin: true,
        defaultRoleId: joinRole.id,
      }),
    ).toMatchObject({ ok: true });
    const joined = await ssoSignIn(baseUrl, email);
    expect(joined.cookie).toBeTruthy();
    expect((await members()).find((row) => row.email === email)).toMatchObject({
      status: "active",
      role: { id: joinRole.id },
    });
    expect((await events("member.join")).map((event) => event.target.name)).toContain(email);
  });

  it("refuses an address the provider has not verified", async () => {
    const email = `unverified-${unique("x")}@${domain}`;
    expect(await ssoSignIn(baseUrl, email)).toMatchObject({ cookie: null, error: "email_unverified" });
  });
});

describe("a session single sign-on opened", () => {
  it("stays in its account: switching to the login's other account is refused", async () => {
    const email = `${unique("both")}@${domain}`;
    const first = await invite(account.owner, (await createRole(account.owner, {})).id, email);
    const joined = await acceptInvitation(baseUrl, first.invitationUrl, "violet kettle orange marmalade", "", {
      email,
    });
    const member = { email, cookie: joined.cookie! };
    expect(member.cookie).toBeTruthy();
    const other = await newAccount(baseUrl, "Other Org");
    const invited = await invite(other.owner, (await createRole(other.owner, {})).id, member.email);
    expect((await acceptInvitation(baseUrl, invited.invitationUrl, "", member.cookie)).cookie).toBeTruthy();
    const { account: otherAccount } = await expectJson<{ account: { id: string } }>(
      await other.owner("/api/v1/whoami"),
      200,
    );

    const sso = await ssoSignIn(baseUrl, member.email);
    expect(sso.cookie).toBeTruthy();
    const switched = await callAction(baseUrl, "switchAccountAction", [{ accountId: otherAccount.id }], sso.cookie!);
    expect(switched.headers.get("x-action-redirect")).toBeNull();
    expect(await actionJson<Result>(switched)).toMatchObject({
      ok: false,
      error: expect.stringContaining("opens only its own account"),
    });
    // The member's password session may switch (the action answers with where to land).
    const password = await callAction(baseUrl, "switchAccountAction", [{ accountId: otherAccount.id }], member.cookie);
    expect(await actionJson<Result>(password)).toMatchObject({ ok: true });
  });
});

describe("Require SSO", () => {
  it("refuses members' passwords (and ends their password sessions) but keeps the Owners'", async () => {
    const fresh = await newAccount(baseUrl, "Strict Org");
    const strictDomain = `${unique("strict")}.test`;
    const member = await addMember(baseUrl, fresh.owner, (await createRole(fresh.owner, { api_keys: "READ" })).id);
    expect(
      (await fetch(`${baseUrl}/api-keys`, { headers: { Cookie: member.cookie }, redirect: "manual" })).status,
    ).toBe(200);
    const saved = await saveSettings(fresh.session.cookie, {
      issuer: idp.issuer,
      clientId,
      clientSecret,
      allowedDomains: `${strictDomain}, example.com`,
      requireSso: true,
    });
    expect(saved.ok).toBe(true);

    const ended = await fetch(`${baseUrl}/api-keys`, { headers: { Cookie: member.cookie }, redirect: "manual" });
    expect(ended.status).toBe(307);
    const refused = await signIn(baseUrl, member.email, member.password);
    expect(refused.cookie).toBeNull();
    const result = await actionJson<Result>(refused.response);
    expect(result.error).toContain("signs in with single sign-on");
    // A wrong password still hears only that it is wrong.
    const wrong = await actionJson<Result>((await signIn(baseUrl, member.email, "not the password at all")).response);
    expect(wrong.error).toBe("The email or password is wrong.");
    // Owners keep their password (break-glass).
    expect((await signIn(baseUrl, fresh.session.email, fresh.session.password)).cookie).toBeTruthy();
    // The member gets in through the provider.
    expect((await ssoSignIn(baseUrl, member.email)).cookie).toBeTruthy();
  });

  it("refuses members' passkeys too (passwordless sign-in), but keeps the Owners'", async () => {
    const fresh = await newAccount(baseUrl, "Strict Passkey Org");
    const member = await addMember(baseUrl, fresh.owner, (await createRole(fresh.owner, { api_keys: "READ" })).id);
    const memberKey = await registerPasskey(baseUrl, member.cookie);
    const ownerKey = await registerPasskey(baseUrl, fresh.session.cookie);
    const saved = await saveSettings(fresh.session.cookie, {
      issuer: idp.issuer,
      clientId,
      clientSecret,
      allowedDomains: "example.com",
      requireSso: true,
    });
    expect(saved.ok).toBe(true);

    const address = newClientAddress();
    let { binding, options } = await passkeyChallenge(baseUrl, address);
    const refused = await passkeySignIn(baseUrl, binding, memberKey.assert(options), address);
    expect(refused.cookie).toBeNull();
    expect(refused.result?.error).toContain("signs in with single sign-on");
    ({ binding, options } = await passkeyChallenge(baseUrl, address));
    expect((await passkeySignIn(baseUrl, binding, ownerKey.assert(options), address)).cookie).toBeTruthy();
  });
});

describe("a provider that is down or misconfigured", () => {
  it("says so clearly, on the start form and at the callback, never a 500", async () => {
    const fresh = await newAccount(baseUrl, "Down Org");
    const downDomain = `${unique("down")}.test`;
    const email = `${unique("m")}@${downDomain}`;
    await invite(fresh.owner, (await createRole(fresh.owner, {})).id, email);
    await saveSettings(fresh.session.cookie, {
      issuer: `http://127.0.0.1:${deadPort}`,
      clientId,
      clientSecret,
      allowedDomains: downDomain,
    });
    const down = await ssoSignIn(baseUrl, email);
    expect(down).toMatchObject({ cookie: null, error: "action" });
    expect("actionError" in down && down.actionError).toContain("can't be reached");

    // The right provider, the wrong client secret: the provider refuses the code exchange.
    await saveSettings(fresh.session.cookie, {
      issuer: idp.issuer,
      clientId,
      clientSecret: "not-the-secret",
      allowedDomains: downDomain,
    });
    const misconfigured = await ssoSignIn(baseUrl, email);
    expect(misconfigured).toMatchObject({ cookie: null, error: "misconfigured" });
    const page = await fetch(misconfigured.location!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("not set up correctly");
  });

  it("refuses a callback without the flow cookie (another browser, or a forged one)", async () => {
    const response = await fetch(`${baseUrl}/sign-in/sso/callback?code=x&state=y`, { redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain("/sign-in/sso?error=expired");
  });
});
