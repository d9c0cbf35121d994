"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { headers } from "next/headers";
import { passkeyAuthenticationOptions } from "@/lib/auth/passkeys";
import { pendingIdentity, readPendingCookie } from "@/lib/auth/pending-sign-in";
import { AppError } from "@/lib/errors";
import type { ActionResult } from "./result";

const EXPIRED = "This sign-in has expired. Sign in again with your email and password.";

// The sign-in's second step with a passkey: options for the login of the pending sign-in
// (its password was right moments ago); nothing without one.
export async function passkeySignInOptionsAction(): Promise<
  ActionResult<{ options: PublicKeyCredentialRequestOptionsJSON }>
> {
  const identityId = await pendingIdentity(await readPendingCookie());
  if (!identityId) return { ok: false, error: EXPIRED };
  try {
    return { ok: true, options: await passkeyAuthenticationOptions(identityId, await headers()) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message };
    throw error;
  }
}
