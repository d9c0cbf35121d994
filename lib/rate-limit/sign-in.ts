import "server-only";
import { AppError } from "@/lib/errors";
import { brakeAddress } from "@/lib/http/client-address";
import { describeWait } from "./failures";
import { limits } from "./limits";

// Sign-in attempts of one email from one client address (null: unknown address).
// Used by every door that checks a password: the sign-in form, next-auth's credentials
// callback, sign-up with an existing email, and accepting an invitation.
export class TooManySignInAttempts extends AppError {
  constructor(readonly retryAfterMs: number) {
    super("too_many_requests", `Too many failed sign-ins. Try again in ${describeWait(retryAfterMs)}.`, {
      retryAfter: Math.ceil(retryAfterMs / 1000),
    });
  }
}

// Counted by address, an IPv6 one by its /64 (lib/http/client-address.ts).
const keys = (email: string, address: string | null) => {
  const client = address ? brakeAddress(address) : "unknown";
  return { pair: `${email.toLowerCase()}|${client}`, client };
};

// Throws TooManySignInAttempts when this email + address, or this address, must wait.
export async function assertMayTrySignIn(email: string, address: string | null): Promise<void> {
  const { pair, client } = keys(email, address);
  const { signInByEmail, signInByAddress } = limits();
  const wait = Math.max(await signInByEmail.blockedFor(pair), await signInByAddress.blockedFor(client));
  if (wait > 0) throw new TooManySignInAttempts(wait);
}

export async function countFailedSignIn(email: string, address: string | null): Promise<void> {
  const { pair, client } = keys(email, address);
  const { signInByEmail, signInByAddress } = limits();
  await Promise.all([signInByEmail.fail(pair), signInByAddress.fail(client)]);
}

// A right password clears this email's count from this address (not the address's own).
export async function clearFailedSignIns(email: string, address: string | null): Promise<void> {
  await limits().signInByEmail.reset(keys(email, address).pair);
}

// Passwordless sign-in with a passkey names no email: it is braked by client address only.
// Every challenge handed out counts (PASSKEY_CHALLENGES_PER_ADDRESS in 15 minutes: each one
// is a row until it is spent or expires), and every refused answer counts as a failed
// sign-in of the address. A passkey's signature can't be guessed, so nothing is counted
// per login: nobody can lock a person's passkeys from afar.
export async function countPasskeyChallenge(address: string | null): Promise<void> {
  const { client } = keys("", address);
  const { signInByAddress, passkeyChallenges } = limits();
  const blocked = await signInByAddress.blockedFor(client);
  if (blocked > 0) throw new TooManySignInAttempts(blocked);
  const { over, waitMs } = await passkeyChallenges.fail(client);
  if (over) throw new TooManySignInAttempts(waitMs);
}

export async function assertMayTryPasskey(address: string | null): Promise<void> {
  const wait = await limits().signInByAddress.blockedFor(keys("", address).client);
  if (wait > 0) throw new TooManySignInAttempts(wait);
}

export async function countFailedPasskeySignIn(address: string | null): Promise<void> {
  await limits().signInByAddress.fail(keys("", address).client);
}
