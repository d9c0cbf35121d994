import { recordEvent } from "@/lib/audit/record";
import { getUnscopedDb } from "@/lib/db";

// A failed sign-in is an event of every account the email is a member of, with an
// anonymous actor named by the email tried. An email no account knows has no account to
// go to: not recorded (the rate limiter still counts it).
export async function recordFailedSignIn(email: string): Promise<void> {
  // Members of every account with this login: the email is what tells us the accounts.
  const db = getUnscopedDb();
  const members = await db.member.findMany({
    where: { identity: { email } },
    select: { id: true, accountId: true },
  });
  if (members.length === 0) return;
  await db.$transaction(async (tx) => {
    for (const member of members) {
      await recordEvent(
        tx,
        { kind: "anonymous", accountId: member.accountId, label: email },
        { action: "member.sign_in_failed", target: { type: "member", id: member.id, name: email } },
      );
    }
  });
}
