import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { expectJson, newAccount, unique, type TestAccount } from "../helpers/account";
import { MINUTE, newClientAddress, setServerClock } from "../helpers/clock";
import { ecdsaLengths, SoftwarePasskey } from "../helpers/passkey-authenticator";
import {
  PASSKEY_REFUSED as REFUSED,
  passkeyChallenge,
  passkeySignIn,
  registerPasskey,
  type Options,
} from "../helpers/passkey-sign-in";
import { actionJson, callAction, sessionCookie } from "../helpers/portal";
import { twoFactorClient, type Result } from "../helpers/two-factor";

// Passkeys by raw requests, with a software authenticator (tests/helpers/passkey-authenticator.ts)
// that makes real ES256 registrations and assertions: passwordless sign-in ("Use a passkey"
// on /sign-in), signatures whose r or s is short included, and what it refuses: a replayed answer, an expired challenge, a counter that
// went backwards (audited), a challenge handed to another browser or to another purpose,
// an unknown passkey, an answer without user verification. Each test speaks from a client
// address of its own (the brakes count per address).
const baseUrl = inject("baseUrl");
type Event = {
  action: string;
  target: { name: string | null };
  changes: Record<string, { from: unknown; to: unknown }>;
};

// A binding cookie no challenge was ever bound to.
const BINDING_OF_NOTHING = "wisp-passkey-sign-in=AAAAAAAAAAAAAAAAAAAAAA";

afterEach(() => setServerClock(baseUrl, 0));

const { passwordStep } = twoFactorClient(baseUrl);

async function events(account: TestAccount, action: string): Promise<Event[]> {
  return (await expectJson<{ items: Event[] }>(await account.owner(`/api/v1/audit-log?action=${action}`), 200)).items;
}

// A new account whose Owner registered a passkey (on /account, through its server actions).
async function ownerWithPasskey(): Promise<{ account: TestAccount; passkey: SoftwarePasskey }> {
  const account = await newAccount(baseUrl, unique("Passkey Org"));
  return { account, passkey: await registerPasskey(baseUrl, account.session.cookie) };
}

const challenge = (address: string) => passkeyChallenge(baseUrl, address);
const signInWithPasskey = (binding: string, answer: unknown, address: string) =>
  passkeySignIn(baseUrl, binding, answer, address);

const opens = async (cookie: string) =>
  (await fetch(`${baseUrl}/account`, { headers: { Cookie: cookie }, redirect: "manual" })).status === 200;

describe("passwordless sign-in with a passkey", () => {
  let account: TestAccount;
  let passkey: SoftwarePasskey;

  beforeAll(async () => {
    ({ account, passkey } = await ownerWithPasskey());
  });

  it("opens a session with the passkey alone (user verification required), recorded as a sign-in via passkey", async () => {
    const address = newClientAddress();
    const { binding, options } = await challenge(address);
    expect(binding).toMatch(/^wisp-passkey-sign-in=[A-Za-z0-9_-]{22}$/);
    // Discoverable: no credential is named, and the device must verify its user.
    expect(JSON.stringify(options)).not.toContain(passkey.id);
    expect(options.userVerification).toBe("required");
    const { cookie, result } = await signInWithPasskey(binding, passkey.assert(options), address);
    expect(result).toBeNull();
    expect(await opens(cookie!)).toBe(true);
    const signIns = await events(account, "member.sign_in");
    expect(signIns[0]).toMatchObject({
      target: { name: account.session.email },
      changes: { via: { from: null, to: "passkey" } },
    });
  });

  it("registers the login's identity id, as UTF-8 text, as the passkey's user handle", async () => {
    // The bytes @simplewebauthn/server 9 made from the id: passkeys registered then still match.
    expect(Buffer.from(passkey.userHandle!).toString()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it("accepts an ES256 signature whose r or s is shorter than 32 bytes (a leading zero byte)", async () => {
    for (const short of ["r", "s"] as const) {
      const address = newClientAddress();
      const { binding, options } = await challenge(address);
      const answer = passkey.assert(options, { short });
      expect(ecdsaLengths(Buffer.from(answer.response.signature, "base64url"))[short]).toBeLessThan(32);
      const { cookie, result } = await signInWithPasskey(binding, answer, address);
      expect(result, short).toBeNull();
      expect(await opens(cookie!)).toBe(true);
    }
  });

  it("refuses the same answer twice: its challenge is spent by the first", async () => {
    const address = newClientAddress();
    const { binding, options } = await challenge(address);
    const answer = passkey.assert(options);
    expect((await signInWithPasskey(binding, answer, address)).cookie).toBeTruthy();
    const replayed = await signInWithPasskey(binding, answer, address);
    expect(replayed.cookie).toBeNull();
    expect(replayed.result).toMatchObject({ ok: false, error: REFUSED });
    // Nor with a fresh challenge's cookie: the answer signed the old challenge.
    const fresh = await challenge(address);
    expect((await signInWithPasskey(fresh.binding, answer, address)).result).toMatchObject({ error: REFUSED });
  });

  it("refuses an answer to a challenge older than 5 minutes", async () => {
    const address = newClientAddress();
    const { binding, options } = await challenge(address);
    await setServerClock(baseUrl, 5 * MINUTE + 5_000);
    const late = await signInWithPasskey(binding, passkey.assert(options), address);
    expect(late.cookie).toBeNull();
    expect(late.result).toMatchObject({ ok: false, error: REFUSED });
  });

  it("refuses a signature counter that did not grow, and records it in the audit log", async () => {
    const address = newClientAddress();
    let { binding, options } = await challenge(address);
    expect((await signInWithPasskey(binding, passkey.assert(options), address)).cookie).toBeTruthy();
    const reached = passkey.counter;
    // A copy of the key that fell behind: signs a fresh challenge with an older counter.
    ({ binding, options } = await challenge(address));
    const behind = await signInWithPasskey(binding, passkey.assert(options, { counter: reached - 1 }), address);
    expect(behind.cookie).toBeNull();
    expect(behind.result).toMatchObject({ ok: false, error: REFUSED });
    ({ binding, options } = await challenge(address));
    const same = await signInWithPasskey(binding, passkey.assert(options, { counter: reached }), address);
    expect(same.result).toMatchObject({ ok: false, error: REFUSED });
    const refused = await events(account, "member.passkey_counter_refused");
    expect(refused.slice(0, 2)).toMatchObject([
      {
        target: { name: account.session.email },
        changes: { passkey: { to: "Software key" }, signatureCounter: { from: reached, to: reached } },
      },
      { changes: { signatureCounter: { from: reached, to: reached - 1 } } },
    ]);
    // The key itself goes on working once its counter is ahead again.
    ({ binding, options } = await challenge(address));
    expect(
      (await signInWithPasskey(binding, passkey.assert(options, { counter: reached + 1 }), address)).cookie,
    ).toBeTruthy();
  });

  it("refuses an answer to a challenge handed to another browser, or to another login's second step", async () => {
    const mine = newClientAddress();
    const theirs = newClientAddress();
    const other = await ownerWithPasskey();
    const a = await challenge(mine);
    const b = await challenge(theirs);
    // My passkey signs the challenge handed to the other browser; sent with my cookie.
    const crossed = await signInWithPasskey(a.binding, passkey.assert(b.options), mine);
    expect(crossed).toMatchObject({ cookie: null, result: { ok: false, error: REFUSED } });
    // Its own browser's challenge is still good for the other browser.
    expect((await signInWithPasskey(b.binding, other.passkey.assert(b.options), theirs)).cookie).toBeTruthy();

    // A challenge of another login's second step (after its password): not a sign-in's.
    const { pending } = await passwordStep(other.account.session);
    expect(pending).toBeTruthy();
    const secondStep = await actionJson<Result & { options: Options }>(
      await callAction(baseUrl, "passkeySignInOptionsAction", [], pending!, "/sign-in/two-factor"),
    );
    expect(secondStep.ok, secondStep.error).toBe(true);
    const fresh = await challenge(mine);
    const misused = await signInWithPasskey(fresh.binding, passkey.assert(secondStep.options), mine);
    expect(misused).toMatchObject({ cookie: null, result: { error: REFUSED } });
  });

  it("gives an unknown passkey, a missing cookie and an unverified user the same refusal", async () => {
    const address = newClientAddress();
    const stranger = new SoftwarePasskey(baseUrl);
    stranger.userHandle = Buffer.from("00000000-0000-4000-8000-000000000000");
    let { binding, options } = await challenge(address);
    const unknown = await signInWithPasskey(binding, stranger.assert(options), address);
    expect(unknown).toMatchObject({ cookie: null, result: { ok: false, error: REFUSED } });

    ({ binding, options } = await challenge(address));
    const unverified = await signInWithPasskey(binding, passkey.assert(options, { userVerified: false }), address);
    expect(unverified).toMatchObject({ cookie: null, result: { ok: false, error: REFUSED } });

    ({ binding, options } = await challenge(address));
    const elsewhere = await signInWithPasskey(
      binding,
      passkey.assert(options, { origin: "https://evil.example" }),
      address,
    );
    expect(elsewhere).toMatchObject({ cookie: null, result: { ok: false, error: REFUSED } });

    ({ options } = await challenge(address));
    const noCookie = await signInWithPasskey("", passkey.assert(options), address);
    expect(noCookie.cookie).toBeNull();
    expect(noCookie.result?.ok).toBe(false);

    // A right signature of a passkey whose login is someone else's user handle: refused.
    ({ binding, options } = await challenge(address));
    const handle = passkey.userHandle;
    passkey.userHandle = stranger.userHandle;
    try {
      const lying = await signInWithPasskey(binding, passkey.assert(options), address);
      expect(lying).toMatchObject({ cookie: null, result: { error: REFUSED } });
    } finally {
      passkey.userHandle = handle;
    }
  });

  it("brakes challenges per client address (30 in 15 minutes), and refused answers with the address's failed sign-ins", async () => {
    const address = newClientAddress();
    for (let i = 0; i < 30; i++) expect((await challenge(address)).result.ok).toBe(true);
    const braked = await challenge(address);
    expect(braked.result).toMatchObject({ ok: false, error: expect.stringContaining("Too many failed sign-ins") });
    expect(braked.binding).toBe("");
    // Another address is not slowed.
    const other = newClientAddress();
    expect((await challenge(other)).result.ok).toBe(true);
    // 50 refused answers from an address (its failed sign-ins): then it gets no challenge,
    // and even a right answer waits.
    const { binding, options } = await challenge(other);
    for (let i = 0; i < 50; i++) {
      const junk = await signInWithPasskey(BINDING_OF_NOTHING, { id: "x", response: {} }, other);
      expect(junk.result).toMatchObject({ ok: false, error: REFUSED });
    }
    expect((await challenge(other)).result).toMatchObject({
      error: expect.stringContaining("Too many failed sign-ins"),
    });
    const waits = await signInWithPasskey(binding, passkey.assert(options), other);
    expect(waits).toMatchObject({
      cookie: null,
      result: { error: expect.stringContaining("Too many failed sign-ins") },
    });
  });
});

describe("passkeys registered before passwordless sign-in", () => {
  it("keep working as a second factor after the password", async () => {
    const { account, passkey } = await ownerWithPasskey();
    const { pending, cookie } = await passwordStep(account.session);
    expect(cookie).toBeNull();
    const { options } = await actionJson<Result & { options: Options }>(
      await callAction(baseUrl, "passkeySignInOptionsAction", [], pending!, "/sign-in/two-factor"),
    );
    const form = new FormData();
    form.set("passkey", JSON.stringify(passkey.assert(options)));
    const response = await callAction(baseUrl, "signInSecondStepAction", [null, form], pending!, "/sign-in/two-factor");
    const session = sessionCookie(response);
    await response.text();
    expect(session).toBeTruthy();
    expect(await opens(session!)).toBe(true);
  });
});
