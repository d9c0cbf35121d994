"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { requestMetaFrom, runWithRequest } from "@/lib/http/request-context";
import { mailIsSetUp } from "@/lib/mail/settings";
import { forgotPasswordSchema } from "@/lib/validations/auth";
import type { ActionResult } from "./result";
import { invalid, toActionError } from "./safe-action";

// The "Forgot password?" form. The answer is the same whether a login uses the email or
// not, and whether or not a brake held the mail back; it only says whether this server
// sends mail at all (without SMTP_URL the link is in the server's log and DATA_DIR/mail/).
export async function requestPasswordResetAction(
  _previous: ActionResult<{ mailIsSetUp: boolean }> | null,
  formData: FormData,
): Promise<ActionResult<{ mailIsSetUp: boolean }>> {
  const parsed = forgotPasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const meta = requestMetaFrom(await headers());
    const later = (work: () => Promise<void>) => after(() => runWithRequest(meta, work));
    await runWithRequest(meta, () => requestPasswordReset(parsed.data.email, meta.clientAddress, later));
  } catch (error) {
    return toActionError(error);
  }
  return { ok: true, mailIsSetUp: mailIsSetUp() };
}
