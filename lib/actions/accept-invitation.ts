"use server";

import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/current-member";
import { loginForEmail } from "@/lib/auth/login-for-email";
import { signInWithPassword } from "./sign-in-with-password";
import { switchAccount } from "@/lib/auth/switch-account";
import { AppError, fieldError } from "@/lib/errors";
import { requestMetaFrom, runWithRequest } from "@/lib/http/request-context";
import { landingPath } from "@/lib/portal/landing";
import { acceptInvitation } from "@/lib/auth/accept-invitation";
import { findInvitation } from "@/lib/team/invitations";
import { acceptInvitationSchema } from "@/lib/validations/auth";
import type { ActionResult } from "./result";
import { invalid, toActionError } from "./safe-action";

// Opening an invitation link: someone signed in with the invited email (a login that
// confirmed it) just accepts; otherwise the password decides, by the same rule as sign-up
// (lib/auth/login-for-email.ts): a confirmed login's password proves to be that login
// (checked and braked like a sign-in), anything else is a new, unconfirmed login. Then the
// person is signed in to the account that invited them, or to "Check your email".
export async function acceptInvitationAction(input: unknown): Promise<ActionResult> {
  const parsed = acceptInvitationSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { token, password } = parsed.data;
  const meta = requestMetaFrom(await headers());
  try {
    return await runWithRequest(meta, async () => {
      const invitation = await findInvitation(token);
      if (!invitation) {
        throw new AppError("not_found", "This invitation link is not valid any more. Ask for a new one.");
      }
      const session = await getCurrentSession();
      if (session) {
        if (session.email !== invitation.email) {
          throw new AppError(
            "forbidden",
            `You are signed in as ${session.email}, and this invitation is for another email. Sign out, then open the link again.`,
          );
        }
        await acceptInvitation(token, { identityId: session.identityId, email: session.email, verified: true });
        const actor = await switchAccount(session, invitation.accountId);
        redirect(landingPath(actor.permissions));
      }
      if (!password) throw fieldError("password", "Enter a password.");
      const email = invitation.email;
      const login = await loginForEmail({
        email,
        password,
        names: [invitation.name, invitation.accountName],
        clientAddress: meta.clientAddress,
        wrongPassword: { field: "password", message: "This email already has a login: enter its password." },
      });
      const accepted = await acceptInvitation(token, "identityId" in login ? { ...login, email } : login);
      return signInWithPassword({ email, password }, accepted.verified ? null : "/verify-email");
    });
  } catch (error) {
    unstable_rethrow(error);
    return toActionError(error);
  }
}
