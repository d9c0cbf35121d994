import "server-only";
import { randomBytes } from "node:crypto";
import {
  generateAuthenticationOptions,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { cookies } from "next/headers";
import { getDb } from "@/lib/db";
import { publicOrigin } from "@/lib/http/public-origin";
import {
  assertMayTryPasskey,
  countFailedPasskeySignIn,
  countPasskeyChallenge,
  TooManySignInAttempts,
} from "@/lib/rate-limit/sign-in";
import { deviceOfSignIn } from "./devices";
import { checkAssertion, keepChallenge, relyingParty, spendChallenge, storedPasskey } from "./passkeys";
import { recordFailedSignIn } from "./session-events";
import { startSession } from "./sessions";
import { SignInRateLimited, SsoSignInRequired } from "./sign-in-errors";
import { passwordMembership } from "./sso-policy";

// Passwordless sign-in with a passkey ("Use a passkey" on /sign-in). The browser asks for a
// challenge without naming anyone; the server keeps it (as a keyed hash, 5 minutes, once)
// bound to a random value it puts in that browser's HttpOnly cookie, so an answer counts
// only from the browser the challenge was handed to. The answer names its passkey (a
// discoverable one: the authenticator chose it); the passkey's signature, made with user
// verification (a PIN or biometric on the device), counts as both factors, so the session
// opens at once, like a second step that passed: the same "member.sign_in" event (with
// "via: passkey"), device notice and proof time. Like a password, a passkey opens no
// account that requires single sign-on, except an Owner's (the break-glass way in).
// Every refusal (unknown passkey, spent or foreign challenge, bad signature, a counter that
// did not grow) gives the same answer; brakes: lib/rate-limit/sign-in.ts.
export const PASSKEY_SIGN_IN_COOKIE = "wisp-passkey-sign-in";
const COOKIE_SECONDS = 5 * 60;

export async function passwordlessOptions(
  headers: Headers,
  clientAddress: string | null,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  await countPasskeyChallenge(clientAddress);
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(headers).rpID,
    userVerification: "required",
  });
  const binding = randomBytes(16).toString("base64url");
  await keepChallenge(null, "sign-in", options.challenge, binding);
  (await cookies()).set(PASSKEY_SIGN_IN_COOKIE, binding, {
    httpOnly: true,
    sameSite: "strict",
    secure: publicOrigin(headers).startsWith("https://"),
    path: "/",
    maxAge: COOKIE_SECONDS,
  });
  return options;
}

// The binding of this browser's passwordless sign-in, taken (the cookie goes).
export async function takePasskeySignInBinding(): Promise<string | null> {
  const jar = await cookies();
  const binding = jar.get(PASSKEY_SIGN_IN_COOKIE)?.value ?? null;
  if (binding) jar.delete(PASSKEY_SIGN_IN_COOKIE);
  return binding;
}

// The login whose passkey signed this browser's challenge, with user verification; else null.
async function verifiedLogin(answer: string, binding: string, headers: Headers) {
  let response: AuthenticationResponseJSON;
  try {
    response = JSON.parse(answer) as AuthenticationResponseJSON;
  } catch {
    return null;
  }
  if (typeof response?.id !== "string" || typeof response.response?.clientDataJSON !== "string") return null;
  const challenge = await spendChallenge(null, "sign-in", response.response.clientDataJSON, binding);
  if (!challenge) return null;
  const passkey = await getDb().passkey.findUnique({
    where: { credentialId: response.id },
    select: { ...storedPasskey, identity: { select: { email: true, lastAccountId: true } } },
  });
  if (!passkey) return null;
  const identity = { id: passkey.identityId, ...passkey.identity };
  // A discoverable passkey names its login: the user handle it was registered with (the
  // identity id's UTF-8 bytes), which the browser sends in base64url.
  const { userHandle } = response.response;
  if (userHandle && safeUtf8(userHandle) !== passkey.identityId) return { identity, verified: false };
  const result = await checkAssertion(passkey, challenge, response, headers, { requireUserVerification: true });
  return { identity, verified: result === "ok" };
}

function safeUtf8(base64url: string): string | null {
  try {
    return isoBase64URL.toUTF8String(base64url);
  } catch {
    return null;
  }
}

// next-auth's "passkey" provider (index.ts): the user to sign in, or null (refused).
export async function signInWithPasskey(
  input: { passkey: string; binding: string },
  headers: Headers,
  clientAddress: string | null,
) {
  try {
    await assertMayTryPasskey(clientAddress);
  } catch (error) {
    if (error instanceof TooManySignInAttempts) throw new SignInRateLimited(error.retryAfterMs);
    throw error;
  }
  const login = await verifiedLogin(input.passkey, input.binding, headers);
  if (!login?.verified) {
    await countFailedPasskeySignIn(clientAddress);
    if (login) await recordFailedSignIn(login.identity.email);
    return null;
  }
  const { identity } = login;
  const choice = await passwordMembership(identity.id, identity.lastAccountId);
  if (!choice) return null;
  if (!choice.member) throw new SsoSignInRequired(choice.ssoRequired);
  const { member } = choice;
  const sessionId = await startSession(identity, member, await deviceOfSignIn(headers), { viaPasskey: true });
  return { id: identity.id, email: identity.email, name: member.name, sessionId };
}
