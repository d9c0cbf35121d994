import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { isoBase64URL, isoUint8Array } from "@simplewebauthn/server/helpers";
import { now } from "@/lib/clock";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { publicOrigin } from "@/lib/http/public-origin";
import { wakeOutbox } from "@/lib/outbox/worker";
import { recordChange } from "@/lib/records/write";
import { queueTwoFactorNotice } from "@/lib/notices/two-factor";
import { recordCounterRefused } from "./passkey-events";
import { keyedHash } from "./sealed";
import type { CurrentSession } from "./sessions";

// Passkeys (WebAuthn): a login registers several on /account, each named, and uses any of
// them as its second factor (sign-in and step-up). The server keeps each credential's id,
// public key and signature counter. Every challenge it hands out is kept as a keyed hash
// for one login and one purpose, spent by the answer that carries it (once), within 5
// minutes. Bound to PASSKEY_ORIGIN, else APP_URL (else the request's own origin).
const CHALLENGE_LIFETIME_MS = 5 * 60 * 1000;
const PURPOSE = "webauthn-challenge";
const MAX_PASSKEYS = 10;
export const PASSKEY_REFUSED = "This passkey was not accepted. Try again, or use another factor.";
const kind = { conflict: "Your passkeys changed meanwhile.", notFound: "No such passkey." };

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };
type Purpose = "register" | "authenticate" | "sign-in";

export function relyingParty(headers: Headers) {
  const origin = config.passkeyOrigin || publicOrigin(headers);
  return { origin, rpID: new URL(origin).hostname };
}

// `binding`: for a challenge of no login (passwordless sign-in), a random value the
// browser that asked keeps in a cookie; the hash covers both, so only that browser's answer
// spends it.
const challengeHash = (challenge: string, binding?: string) =>
  keyedHash(PURPOSE, binding === undefined ? challenge : `${binding}.${challenge}`);

export async function keepChallenge(identityId: string | null, purpose: Purpose, challenge: string, binding?: string) {
  const db = getDb();
  await db.webauthnChallenge.deleteMany({ where: { identityId, expiresAt: { lte: now() } } });
  await db.webauthnChallenge.create({
    data: {
      identityId,
      purpose,
      challengeHash: challengeHash(challenge, binding),
      expiresAt: new Date(now().getTime() + CHALLENGE_LIFETIME_MS),
    },
  });
}

// The challenge the browser signed, if it is one handed to this login (or, with `binding`,
// to that browser) for this purpose and not spent or expired; spent now either way.
export async function spendChallenge(
  identityId: string | null,
  purpose: Purpose,
  clientDataJSON: string,
  binding?: string,
): Promise<string | null> {
  let challenge: unknown;
  try {
    challenge = (JSON.parse(isoBase64URL.toUTF8String(clientDataJSON)) as { challenge?: unknown }).challenge;
  } catch {
    return null;
  }
  if (typeof challenge !== "string" || challenge.length > 200) return null;
  const { count } = await getDb().webauthnChallenge.deleteMany({
    where: { identityId, purpose, challengeHash: challengeHash(challenge, binding), expiresAt: { gt: now() } },
  });
  return count === 1 ? challenge : null;
}

export async function listPasskeys(identityId: string): Promise<PasskeySummary[]> {
  return getDb().passkey.findMany({
    where: { identityId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
    orderBy: { createdAt: "asc" },
  });
}

export async function passkeyRegistrationOptions(
  session: CurrentSession,
  headers: Headers,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await getDb().passkey.findMany({
    where: { identityId: session.identityId },
    select: { credentialId: true, transports: true },
  });
  if (existing.length >= MAX_PASSKEYS) throw new AppError("conflict", `A login can have ${MAX_PASSKEYS} passkeys.`);
  const { rpID } = relyingParty(headers);
  const options = await generateRegistrationOptions({
    rpName: "Wisp Portal",
    rpID,
    // The user handle is the identity id's UTF-8 bytes (as @simplewebauthn/server 9 made it
    // from the text), so passkeys registered before keep naming their login.
    userID: isoUint8Array.fromUTF8String(session.identityId),
    userName: session.email,
    attestationType: "none",
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports as AuthenticatorTransportFuture[],
    })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await keepChallenge(session.identityId, "register", options.challenge);
  return options;
}

export async function addPasskey(
  session: CurrentSession,
  headers: Headers,
  input: { name: string; response: RegistrationResponseJSON },
): Promise<void> {
  const challenge = await spendChallenge(session.identityId, "register", input.response.response.clientDataJSON);
  if (!challenge) throw new AppError("conflict", "This passkey request has expired. Add the passkey again.");
  const { origin, rpID } = relyingParty(headers);
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: false,
    });
  } catch {
    throw new AppError("bad_request", "Your browser's answer could not be verified. Add the passkey again.");
  }
  if (!verification.verified) throw new AppError("bad_request", "The passkey could not be verified.");
  const { credential } = verification.registrationInfo;
  const { actor } = session;
  await recordChange(
    actor,
    kind,
    async (tx) => {
      if ((await tx.passkey.count({ where: { identityId: session.identityId } })) >= MAX_PASSKEYS)
        throw new AppError("conflict", `A login can have ${MAX_PASSKEYS} passkeys.`);
      const credentialId = credential.id;
      if (await tx.passkey.findUnique({ where: { credentialId }, select: { id: true } }))
        throw new AppError("conflict", "This passkey is already registered.");
      await tx.passkey.create({
        data: {
          identityId: session.identityId,
          name: input.name,
          credentialId,
          publicKey: isoBase64URL.fromBuffer(credential.publicKey),
          counter: credential.counter,
          transports: input.response.response.transports ?? [],
          createdAt: now(),
        },
      });
      await queueTwoFactorNotice(tx, {
        identityId: session.identityId,
        member: { name: actor.name, accountId: actor.accountId, accountName: actor.accountName },
        at: now(),
        change: "passkey_added",
      });
      return {
        result: undefined,
        event: {
          action: "member.two_factor_add",
          target: { type: "member", id: actor.id, name: session.email },
          changes: { twoFactor: { from: null, to: "passkey_added" }, passkey: { from: null, to: input.name } },
        },
      };
    },
    { afterCommit: async () => wakeOutbox() },
  );
}

export async function removePasskey(session: CurrentSession, id: string): Promise<void> {
  const { actor } = session;
  await recordChange(
    actor,
    kind,
    async (tx) => {
      const passkey = await tx.passkey.findFirst({
        where: { id, identityId: session.identityId },
        select: { name: true },
      });
      if (!passkey) throw new AppError("not_found", kind.notFound);
      await tx.passkey.deleteMany({ where: { id, identityId: session.identityId } });
      await queueTwoFactorNotice(tx, {
        identityId: session.identityId,
        member: { name: actor.name, accountId: actor.accountId, accountName: actor.accountName },
        at: now(),
        change: "passkey_removed",
      });
      return {
        result: undefined,
        event: {
          action: "member.two_factor_remove",
          target: { type: "member", id: actor.id, name: session.email },
          changes: { twoFactor: { from: null, to: "passkey_removed" }, passkey: { from: passkey.name, to: null } },
        },
      };
    },
    { afterCommit: async () => wakeOutbox() },
  );
}

// Options for proving the login with one of its passkeys (sign-in's second step, step-up).
export async function passkeyAuthenticationOptions(
  identityId: string,
  headers: Headers,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = await getDb().passkey.findMany({
    where: { identityId },
    select: { credentialId: true, transports: true },
  });
  if (passkeys.length === 0) throw new AppError("conflict", "Your login has no passkey.");
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(headers).rpID,
    allowCredentials: passkeys.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports as AuthenticatorTransportFuture[],
    })),
    userVerification: "preferred",
  });
  await keepChallenge(identityId, "authenticate", options.challenge);
  return options;
}

// True when the answer is a signature of a challenge handed to this login, by one of its
// passkeys, with a counter that grew (or an authenticator that keeps none: 0 and 0).
export async function verifyPasskey(
  identityId: string,
  headers: Headers,
  response: AuthenticationResponseJSON,
): Promise<boolean> {
  const challenge = await spendChallenge(identityId, "authenticate", response.response.clientDataJSON);
  if (!challenge) return false;
  const passkey = await getDb().passkey.findFirst({
    where: { identityId, credentialId: response.id },
    select: storedPasskey,
  });
  if (!passkey) return false;
  return (await checkAssertion(passkey, challenge, response, headers, { requireUserVerification: false })) === "ok";
}

export const storedPasskey = {
  id: true,
  identityId: true,
  name: true,
  credentialId: true,
  publicKey: true,
  counter: true,
  transports: true,
} satisfies Prisma.PasskeySelect;
type StoredPasskey = Prisma.PasskeyGetPayload<{ select: typeof storedPasskey }>;

// Checks the passkey's signature of `challenge` (already spent) and moves its counter on.
// "counter": signed by the passkey, but its counter did not grow (a copy of the key, or a
// replayed answer): refused, and audited in every account of its login.
export async function checkAssertion(
  passkey: StoredPasskey,
  challenge: string,
  response: AuthenticationResponseJSON,
  headers: Headers,
  options: { requireUserVerification: boolean },
): Promise<"ok" | "refused" | "counter"> {
  const { origin, rpID } = relyingParty(headers);
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: options.requireUserVerification,
      // The counter is compared below, once the signature is known to be the passkey's.
      credential: {
        id: passkey.credentialId,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: 0,
        transports: passkey.transports as AuthenticatorTransportFuture[],
      },
    });
  } catch {
    return "refused";
  }
  if (!verification.verified) return "refused";
  const { newCounter } = verification.authenticationInfo;
  if ((newCounter > 0 || passkey.counter > 0) && newCounter <= passkey.counter) {
    await recordCounterRefused(passkey, newCounter);
    return "counter";
  }
  const { count } = await getDb().passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: newCounter, lastUsedAt: now() },
  });
  return count === 1 ? "ok" : "refused";
}
