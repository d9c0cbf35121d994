"use server";

import { AuthError } from "next-auth";
import { signIn, SignInRateLimited, SsoSignInRequired } from "@/lib/auth";
import { takePasskeySignInBinding } from "@/lib/auth/passkey-sign-in";
import { safeNextPath } from "@/lib/portal/landing";
import { describeWait } from "@/lib/rate-limit/failures";
import { passkeyAnswerSchema } from "@/lib/validations/two-factor";
import type { ActionResult } from "./result";

const PASSKEY_SIGN_IN_REFUSED = "This passkey was not accepted. Try again, or sign in with your email and password.";
const EXPIRED = "This passkey sign-in has expired. Use your passkey again.";

// Passwordless sign-in: the browser's answer to the challenge startPasskeySignInAction
// handed it. Every refusal reads the same (an unknown passkey too); success opens the
// session and lands on `next`.
export async function signInWithPasskeyAction(
  _previous: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const answer = passkeyAnswerSchema.safeParse(formData.get("passkey"));
  if (!answer.success) return { ok: false, error: PASSKEY_SIGN_IN_REFUSED };
  const binding = await takePasskeySignInBinding();
  if (!binding) return { ok: false, error: EXPIRED };
  try {
    await signIn("passkey", {
      passkey: answer.data,
      binding,
      redirectTo: safeNextPath(formData.get("next")) ?? "/",
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof SignInRateLimited) {
      return { ok: false, error: `Too many failed sign-ins. Try again in ${describeWait(error.retryAfterMs)}.` };
    }
    if (error instanceof SsoSignInRequired) {
      return {
        ok: false,
        error: `${error.accountName} signs in with single sign-on: use “Continue with SSO” below.`,
      };
    }
    if (error instanceof AuthError) return { ok: false, error: PASSKEY_SIGN_IN_REFUSED };
    throw error;
  }
}
