import { expect } from "vitest";
import { from } from "./clock";
import { actionResult } from "./flight";
import { SoftwarePasskey } from "./passkey-authenticator";
import { actionJson, callAction, sessionCookie } from "./portal";
import { twoFactorClient, type Result } from "./two-factor";

// Passkeys through the raw server actions, with a software authenticator: registering one
// on /account, and the passwordless sign-in of /sign-in ("Use a passkey"), from a client
// address of the test's own (the brakes count per address).
export const PASSKEY_REFUSED = "This passkey was not accepted. Try again, or sign in with your email and password.";
const BINDING = "wisp-passkey-sign-in=";

export type Options = { challenge: string; rpId?: string; userVerification?: string };

// Registers a new software passkey for the session's login (a fresh session: adding a
// factor steps up).
export async function registerPasskey(baseUrl: string, cookie: string, name = "Software key") {
  const { act } = twoFactorClient(baseUrl);
  const passkey = new SoftwarePasskey(baseUrl);
  const started = await act<{ options: { challenge: string; rp: { id: string }; user: { id: string } } }>(
    "startPasskeyRegistrationAction",
    {},
    cookie,
  );
  expect(started.ok, started.error).toBe(true);
  expect(started.options).toMatchObject({ authenticatorSelection: { residentKey: "preferred" } });
  const added = await act(
    "addPasskeyAction",
    { name, response: JSON.stringify(passkey.register(started.options)) },
    cookie,
  );
  expect(added.ok, added.error).toBe(true);
  return passkey;
}

// "Use a passkey": a challenge for this browser (its binding cookie), from `address`.
export async function passkeyChallenge(baseUrl: string, address: string) {
  const response = await callAction(baseUrl, "startPasskeySignInAction", [], "", "/sign-in", from(address));
  const binding = response.headers
    .getSetCookie()
    .find((value) => value.startsWith(BINDING))
    ?.split(";")[0];
  const result = await actionJson<Result & { options: Options }>(response);
  return { binding: binding ?? "", options: result.options, result };
}

// The browser's answer, with the cookie `binding`: a session cookie, or the action's refusal.
export async function passkeySignIn(baseUrl: string, binding: string, answer: unknown, address: string) {
  const form = new FormData();
  form.set("passkey", JSON.stringify(answer));
  const response = await callAction(
    baseUrl,
    "signInWithPasskeyAction",
    [null, form],
    binding,
    "/sign-in",
    from(address),
  );
  const cookie = sessionCookie(response);
  const text = await response.text();
  return { cookie, result: cookie ? null : actionResult<Result>(text) };
}
