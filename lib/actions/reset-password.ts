"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { resetPassword } from "@/lib/auth/password-reset";
import { requestMetaFrom, runWithRequest } from "@/lib/http/request-context";
import { resetPasswordSchema } from "@/lib/validations/auth";
import type { ActionResult } from "./result";
import { invalid, toActionError } from "./safe-action";

// The page of a mailed "Forgot password?" link. Holding the link is the authority (no
// session needed). Once the password is set every session of the login has ended, and the
// person signs in with the new password on the sign-in page, as OWASP's Forgot Password
// Cheat Sheet advises (and so their password manager offers to save it).
export async function resetPasswordAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = resetPasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const meta = requestMetaFrom(await headers());
    await runWithRequest(meta, () => resetPassword(parsed.data.token, parsed.data.password));
  } catch (error) {
    return toActionError(error);
  }
  redirect("/sign-in?reset=done");
}
