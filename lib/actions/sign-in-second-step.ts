"use server";

import { AuthError } from "next-auth";
import { PendingSignInExpired, SecondFactorRefused, signIn, SignInRateLimited } from "@/lib/auth";
import { readPendingCookie } from "@/lib/auth/pending-sign-in";
import { safeNextPath } from "@/lib/portal/landing";
import { describeWait } from "@/lib/rate-limit/failures";
import { PASSKEY_REFUSED } from "@/lib/auth/passkeys";
import { passkeyAnswerSchema, secondFactorCodeSchema } from "@/lib/validations/two-factor";
import type { ActionResult } from "./result";

const EXPIRED = "This sign-in has expired. Sign in again with your email and password.";

// The sign-in's second step: the code of the login's authenticator app (or a recovery
// code, or a passkey's answer), with the pending sign-in the password step left in a cookie. Wrong codes keep the
// pending sign-in (5 per login in 15 minutes); success opens the session and lands on `next`.
export async function signInSecondStepAction(
  _previous: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  const passkey = formData.get("passkey");
  let proof: { code: string } | { passkey: string };
  if (typeof passkey === "string" && passkey) {
    const answer = passkeyAnswerSchema.safeParse(passkey);
    if (!answer.success) return { ok: false, error: PASSKEY_REFUSED };
    proof = { passkey: answer.data };
  } else {
    const code = secondFactorCodeSchema.safeParse(formData.get("code") ?? "");
    if (!code.success) {
      const message = code.error.issues[0]?.message ?? "Enter a code.";
      return { ok: false, error: message, fieldErrors: { code: [message] } };
    }
    proof = { code: code.data };
  }
  const pending = await readPendingCookie();
  if (!pending) return { ok: false, error: EXPIRED };
  try {
    await signIn("credentials", { pending, ...proof, redirectTo: safeNextPath(formData.get("next")) ?? "/" });
    return { ok: true };
  } catch (error) {
    if (error instanceof SecondFactorRefused) {
      if ("passkey" in proof) return { ok: false, error: error.reason };
      return { ok: false, error: error.reason, fieldErrors: { code: [error.reason] } };
    }
    if (error instanceof SignInRateLimited) {
      return { ok: false, error: `Too many wrong codes. Try again in ${describeWait(error.retryAfterMs)}.` };
    }
    if (error instanceof PendingSignInExpired || error instanceof AuthError) return { ok: false, error: EXPIRED };
    throw error;
  }
}
