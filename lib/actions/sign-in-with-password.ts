import "server-only";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import type { ActionResult } from "./result";
import { describeWait } from "@/lib/rate-limit/failures";
import { OneTimeSignInRefused, SecondFactorRequired, signIn, SignInRateLimited, SsoSignInRequired } from "@/lib/auth";

// A wrong email and a wrong password get the same message; so does a login that belongs
// to no account any more. After too many failures the message says how long to wait.
// Success lands on `next` (a same-origin path, checked by the caller), else on "/", which
// sends the member to the first page their role may see. A login with a second factor
// goes on to the code page (its pending sign-in is in a cookie; no session yet).
export async function signInWithPassword(
  credentials: { email: string; password: string },
  next: string | null = null,
): Promise<ActionResult> {
  try {
    // On success this throws Next's redirect, which must propagate.
    await signIn("credentials", { ...credentials, redirectTo: next ?? "/" });
    return { ok: true };
  } catch (error) {
    if (error instanceof SecondFactorRequired) {
      redirect(`/sign-in/two-factor${next ? `?next=${encodeURIComponent(next)}` : ""}`);
    }
    if (error instanceof SignInRateLimited) {
      return { ok: false, error: `Too many failed sign-ins. Try again in ${describeWait(error.retryAfterMs)}.` };
    }
    if (error instanceof OneTimeSignInRefused) return { ok: false, error: error.reason };
    if (error instanceof SsoSignInRequired) {
      return {
        ok: false,
        error: `${error.accountName} signs in with single sign-on: use “Continue with SSO” below.`,
      };
    }
    if (error instanceof AuthError) return { ok: false, error: "The email or password is wrong." };
    throw error;
  }
}
