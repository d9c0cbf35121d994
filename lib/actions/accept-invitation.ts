"use server";

import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/current-member";
import { verifyCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { switchAccount } from "@/lib/auth/switch-account";
import { getDb } from "@/lib/db";
import { AppError, fieldError } from "@/lib/errors";
import { requestMetaFrom, runWithRequest } from "@/lib/http/request-context";
import { landingPath } from "@/lib/portal/landing";
import { acceptInvitation, findInvitation } from "@/lib/team/invitations";
import { acceptInvitationSchema } from "@/lib/validations/auth";
import type { ActionResult } from "./result";
import { invalid, toActionError } from "./safe-action";

// Opening an invitation link: someone signed in with the invited email just accepts;
// otherwise the password decides. If the email already has a login, it must be that
// login's password (checked and braked like a sign-in); if not, it becomes the new
// login's password (it must pass the policy). Then the person is signed in to the
// account that invited them.
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
        await acceptInvitation(token, { identityId: session.identityId, email: session.email });
        const actor = await switchAccount(session, invitation.accountId);
        redirect(landingPath(actor.permissions));
      }
      if (!password) throw fieldError("password", "Enter a password.");
      const email = invitation.email;
      const existing = await getDb().identity.findUnique({ where: { email }, select: { id: true } });
      if (existing) {
        const verified = await verifyCredentials(email, password, meta.clientAddress);
        if (!verified) throw fieldError("password", "This email already has a login: enter its password.");
        await acceptInvitation(token, { identityId: verified.id, email });
      } else {
        const problem = passwordProblem(password, [email, invitation.name, invitation.accountName]);
        if (problem) throw fieldError("password", problem);
        await acceptInvitation(token, { newLogin: { email, passwordHash: await hashPassword(password) } });
      }
      return signInWithPassword({ email, password });
    });
  } catch (error) {
    unstable_rethrow(error);
    return toActionError(error);
  }
}
