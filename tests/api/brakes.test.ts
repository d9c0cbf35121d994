import { describe, expect, inject, it } from "vitest";
import { from, newClientAddress } from "../helpers/clock";
import { createKeyWithRole, expectJson, newAccount, roleNamed } from "../helpers/account";
import { actionJson, api, signIn, signUp } from "../helpers/portal";

const baseUrl = inject("baseUrl");
type Result = { ok: boolean; error?: string };
const WRONG = { ok: false, error: "The email or password is wrong." };
const TOO_MANY = /^Too many failed sign-ins\. Try again in (1[45] minutes|\d+ seconds)\.$/;

async function attempt(email: string, password: string, address: string) {
  const { cookie, response } = await signIn(baseUrl, email, password, from(address));
  return { cookie, result: cookie ? null : await actionJson<Result>(response) };
}

describe("sign-in brakes", () => {
  it("refuses the 6th attempt after 5 wrong passwords with the wait time; the same email from another address still signs in", async () => {
    const account = await signUp(baseUrl, "Guessed Org");
    const attacker = newClientAddress();
    for (let i = 0; i < 5; i++) {
      expect((await attempt(account.email, `wrong password ${i}!`, attacker)).result).toEqual(WRONG);
    }
    // Even the right password is refused from there now, without being checked.
    const sixth = await attempt(account.email, account.password, attacker);
    expect(sixth.cookie).toBeNull();
    expect(sixth.result?.error).toMatch(TOO_MANY);
    // The owner, from elsewhere, is not locked out.
    expect((await attempt(account.email, account.password, newClientAddress())).cookie).toBeTruthy();
  });

  it("counts an IPv6 client by its /64: a new address per try from one network escapes nothing", async () => {
    const account = await signUp(baseUrl, "Rotating Org");
    const network = newClientAddress().split("::")[0];
    const inNetwork = (i: number) => `${network}::${(i + 1).toString(16)}`;
    for (let i = 0; i < 5; i++)
      expect((await attempt(account.email, `wrong password ${i}!`, inNetwork(i))).result).toEqual(WRONG);
    const sixth = await attempt(account.email, account.password, inNetwork(5));
    expect(sixth.result?.error).toMatch(TOO_MANY);

    const guess = "wisp_" + "B".repeat(32) + "000000";
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await api(baseUrl, guess)("/api/v1/whoami", { headers: from(inNetwork(100 + i)) })).status);
    expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("gives an unknown email the same answers and the same brake", async () => {
    const address = newClientAddress();
    const email = `nobody-${Date.now()}@example.com`;
    for (let i = 0; i < 5; i++) expect((await attempt(email, "some password here", address)).result).toEqual(WRONG);
    expect((await attempt(email, "some password here", address)).result?.error).toMatch(TOO_MANY);
  });

  it("brakes next-auth's POST /api/auth/callback/credentials too: 429 with Retry-After, counted with the form", async () => {
    const account = await signUp(baseUrl, "Callback Org");
    const address = newClientAddress();
    const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");
    const callback = (password: string) =>
      fetch(`${baseUrl}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { ...from(address), Cookie: csrfCookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: account.email, password, csrfToken }),
        redirect: "manual",
      });
    for (let i = 0; i < 3; i++) {
      const refused = await callback(`wrong password ${i}!`);
      expect(refused.status).toBe(302);
      expect(refused.headers.get("location")).toContain("error=CredentialsSignin");
    }
    for (let i = 0; i < 2; i++)
      expect((await attempt(account.email, `wrong again ${i}!`, address)).result).toEqual(WRONG);
    const blocked = await callback(account.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(800);
    expect((await blocked.json()).error.code).toBe("too_many_requests");
    expect((await attempt(account.email, account.password, address)).result?.error).toMatch(TOO_MANY);
  });

  it("limits one address trying many emails (50 failures), whatever the email", async () => {
    const account = await signUp(baseUrl, "Spray Org");
    const address = newClientAddress();
    for (let i = 0; i < 50; i++) {
      expect((await attempt(`spray-${i}-${Date.now()}@example.com`, "hunter2 hunter2", address)).result).toEqual(WRONG);
    }
    expect((await attempt(account.email, account.password, address)).result?.error).toMatch(TOO_MANY);
  });

  it("records a member's failed sign-ins in the account's audit log, one event per 15 minutes however many", async () => {
    const account = await newAccount(baseUrl, "Audited Org");
    for (let i = 0; i < 4; i++) await attempt(account.session.email, `definitely wrong ${i}!`, newClientAddress());
    const failures = async () =>
      (
        await expectJson<{ items: { action: string; actor: { type: string; name: string } }[] }>(
          await account.owner("/api/v1/audit-log?action=member.sign_in_failed"),
          200,
        )
      ).items;
    // Written after the answer (so its timing tells nothing): polled for.
    await expect.poll(async () => (await failures()).length).toBe(1);
    expect((await failures())[0]).toMatchObject({ action: "member.sign_in_failed", actor: { type: "anonymous" } });
    await attempt(account.session.email, "wrong once more!", newClientAddress());
    // A later sign-in event is written and listed after it; the failures still make one event.
    expect((await attempt(account.session.email, account.session.password, newClientAddress())).cookie).toBeTruthy();
    expect(await failures()).toHaveLength(1);
  });
});

describe("failed API-key checks", () => {
  it("get 429 with Retry-After after 30 from one address, held back a second, while a valid key from that address or another works", async () => {
    const account = await newAccount(baseUrl, "Key Brake Org");
    const guesser = newClientAddress();
    const bystander = newClientAddress();
    const guess = "wisp_" + "A".repeat(32) + "000000";
    const call = (secret: string, address: string) =>
      api(baseUrl, secret)("/api/v1/whoami", { headers: from(address) });
    // A request without any key is not a failed check and is never counted.
    for (let i = 0; i < 35; i++)
      expect((await api(baseUrl)("/api/v1/whoami", { headers: from(guesser) })).status).toBe(401);
    for (let i = 0; i < 30; i++) expect((await call(guess, guesser)).status).toBe(401);
    const startedAt = performance.now();
    const refused = await call(guess, guesser);
    expect(refused.status).toBe(429);
    // Held back a second (API_KEY_FAILURE_HOLD_MS): a guesser gets a few answers a second.
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(950);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe("too_many_requests");
    // The brake slows guessing, not customers: a valid key behind the same address (an
    // office NAT, a CI runner, a stale key's retries) is never refused by it.
    expect((await call(account.ownerKey.secret, guesser)).status).toBe(200);
    expect((await call(guess, guesser)).status).toBe(429);
    // Another address with a valid key is not slowed.
    expect((await call(account.ownerKey.secret, bystander)).status).toBe(200);
    expect((await account.owner("/api/v1/whoami")).status).toBe(200);
  });

  it("a held refusal doesn't keep other requests out of the app: it gives its admission slot back while it waits", async () => {
    const account = await newAccount(baseUrl, "Key Brake Queue Org");
    const guesser = newClientAddress();
    const bystander = newClientAddress();
    const guess = "wisp_" + "B".repeat(32) + "000000";
    for (let i = 0; i < 31; i++) await api(baseUrl, guess)("/api/v1/whoami", { headers: from(guesser) });
    // A disabled key is known to the server, so its refusal is the app's own (not the front
    // door's): from the blocked address it is held back a second inside the app.
    const disabled = await createKeyWithRole(baseUrl, account.owner, (await roleNamed(account.owner, "Read Only")).id);
    await expectJson(
      await account.owner(`/api/v1/api-keys/${disabled.keyId}`, { method: "PATCH", json: { enabled: false } }),
      200,
    );
    const finished: string[] = [];
    // More held refusals than the server lets into the app at once (MAX_CONCURRENT_REQUESTS, 16).
    const held = Array.from({ length: 24 }, () =>
      api(baseUrl, disabled.secret)("/api/v1/whoami", { headers: from(guesser) }).then((response) => {
        finished.push(`held ${response.status}`);
        return response;
      }),
    );
    const served = await api(baseUrl, account.ownerKey.secret)("/api/v1/whoami", { headers: from(bystander) });
    finished.push(`served ${served.status}`);
    const refusals = await Promise.all(held);
    expect(refusals.map((response) => response.status)).toEqual(Array(24).fill(429));
    expect(finished[0]).toBe("served 200");
  });
});
