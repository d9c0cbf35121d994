"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { headers } from "next/headers";
import { passwordlessOptions } from "@/lib/auth/passkey-sign-in";
import { requestMetaFrom } from "@/lib/http/request-context";
import { TooManySignInAttempts } from "@/lib/rate-limit/sign-in";
import type { ActionResult } from "./result";

// "Use a passkey" on /sign-in: a challenge for any of the browser's passkeys, bound to this
// browser by a cookie (lib/auth/passkey-sign-in.ts). No session needed; braked per address.
export async function startPasskeySignInAction(): Promise<
  ActionResult<{ options: PublicKeyCredentialRequestOptionsJSON }>
> {
  const requestHeaders = await headers();
  try {
    const options = await passwordlessOptions(requestHeaders, requestMetaFrom(requestHeaders).clientAddress);
    return { ok: true, options };
  } catch (error) {
    if (error instanceof TooManySignInAttempts) return { ok: false, error: error.message };
    throw error;
  }
}
