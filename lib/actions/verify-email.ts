"use server";

import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { getSignedInSession, homePath } from "@/lib/auth/current-member";
import { confirmWithCode, confirmWithLink, resendVerification } from "@/lib/auth/email-verification";
import { requestMetaFrom, runWithRequest } from "@/lib/http/request-context";
import { mailIsSetUp } from "@/lib/mail/settings";
import { landingPath, safeNextPath } from "@/lib/portal/landing";
import { emailCodeSchema, emailLinkSchema, resendVerificationSchema } from "@/lib/validations/auth";
import type { ActionResult } from "./result";
import { invalid, sessionAction, toActionError } from "./safe-action";

// The "Check your email" page: the code from the mail confirms this session's login and
// goes on to the page asked for; "Send a new mail" replaces the code and link.
export const verifyEmailCodeAction = sessionAction(
  emailCodeSchema,
  async ({ code, next }, { session }) => {
    await confirmWithCode(session, code);
    redirect(safeNextPath(next) ?? landingPath(session.actor.permissions));
  },
  { whileEmailUnconfirmed: true },
);

export const resendVerificationAction = sessionAction(
  resendVerificationSchema,
  async (_input, { session }) => {
    await resendVerification(session);
    return { mailed: mailIsSetUp() };
  },
  { whileEmailUnconfirmed: true },
);

// The button of the link's page, in any browser: no session needed, the link is the
// proof. A browser signed in as that login goes on into the portal; any other is told to
// sign in.
export async function confirmEmailLinkAction(input: unknown): Promise<ActionResult> {
  const parsed = emailLinkSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const meta = requestMetaFrom(await headers());
  try {
    return await runWithRequest(meta, async () => {
      const { identityId } = await confirmWithLink(parsed.data.token);
      const session = await getSignedInSession();
      if (session?.identityId === identityId) redirect(homePath({ ...session, emailVerified: true }));
      return { ok: true };
    });
  } catch (error) {
    unstable_rethrow(error);
    return toActionError(error);
  }
}
