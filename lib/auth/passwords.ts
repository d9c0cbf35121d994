import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { now } from "@/lib/clock";
import { AppError, fieldError } from "@/lib/errors";
import { currentRequest } from "@/lib/http/request-context";
import { recordChange, updateRecord } from "@/lib/records/write";
import { memberKind } from "@/lib/team/team";
import { verifyCredentials } from "./credentials";
import { hashPassword } from "./password";
import { passwordProblem } from "./password-policy";
import { endOtherSessionsIn, sessionKind, type CurrentSession } from "./sessions";

// A person changes their own password (also how a one-time password is replaced): the
// current one is asked for again, so a borrowed session can't take over the login; every
// other session of the login ends, and so do its "Forgot password?" links. Recorded as
// "member.password_change".
export async function changeOwnPassword(
  session: CurrentSession,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const address = currentRequest()?.clientAddress ?? null;
  const verified = await verifyCredentials(session.email, input.currentPassword, address, "confirm");
  if (!verified || verified.id !== session.identityId) {
    throw fieldError("currentPassword", "This is not your current password.");
  }
  if (input.newPassword === input.currentPassword) {
    throw fieldError("newPassword", "Choose a new password, not the current one.");
  }
  const problem = passwordProblem(input.newPassword, [session.email, session.actor.name, session.actor.accountName]);
  if (problem) throw fieldError("newPassword", problem);
  const passwordHash = await hashPassword(input.newPassword);
  await recordChange(session.actor, sessionKind, async (tx) => {
    await tx.identity.update({
      where: { id: session.identityId },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: now() },
    });
    const { count } = await endOtherSessionsIn(tx, session.identityId, session.sessionId);
    // A "Forgot password?" link mailed earlier must not undo this.
    await tx.passwordReset.deleteMany({ where: { identityId: session.identityId } });
    return {
      result: undefined,
      event: {
        action: "member.password_change",
        target: { type: "member", id: session.actor.id, name: session.email },
        changes: { endedSessions: { from: null, to: count } },
      },
    };
  });
}

// An Owner (or Team: Full, within the access rule) gives a member a new one-time
// password, shown once; the member's sessions and "Forgot password?" links end and they
// must choose their own at the next sign-in. Recorded as "member.password_reset". A login
// that is also used in another account is refused: this account's admins must not gain a
// way into the others.
export async function resetMemberPassword(actor: Actor, memberId: string): Promise<{ oneTimePassword: string }> {
  if (actor.kind === "member" && actor.id === memberId) {
    throw new AppError("conflict", "Change your own password on your account page.");
  }
  const oneTimePassword = randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(oneTimePassword);
  await updateRecord(
    actor,
    memberKind,
    memberId,
    async (tx, member) => {
      if (!member.identityId) {
        throw new AppError(
          "conflict",
          "This person hasn't accepted the invitation yet: there is no password to reset.",
        );
      }
      const elsewhere = await tx.member.count({
        where: { identityId: member.identityId, accountId: { not: actor.accountId } },
      });
      if (elsewhere > 0) {
        throw new AppError(
          "conflict",
          "This person uses the same login for another organisation too, so only they can change its password (on their account page).",
        );
      }
      await tx.identity.update({
        where: { id: member.identityId },
        data: { passwordHash, mustChangePassword: true, passwordChangedAt: now(), oneTimeUsedAt: null },
      });
      await endOtherSessionsIn(tx, member.identityId, null);
      await tx.passwordReset.deleteMany({ where: { identityId: member.identityId } });
    },
    { action: "member.password_reset" },
  );
  return { oneTimePassword };
}
