import { recordEvents } from "@/lib/audit/record";
import { now } from "@/lib/clock";
import { getUnscopedDb } from "@/lib/db";
import { limits } from "@/lib/rate-limit/limits";

// A failed sign-in is an event of every account the email is a member of, with an
// anonymous actor named by the email tried: at most one per email per window
// (FAILED_SIGN_IN_EVENT_WINDOW), so nobody can flood an account's append-only log, and the
// brake (lib/rate-limit/sign-in.ts) counts every try anyway. Known and unknown emails take
// the same path up to the write, and the write is not waited for: the answer's timing
// does not tell whether the email has a login. An email no account knows is not recorded.
export async function recordFailedSignIn(email: string): Promise<void> {
  const at = now();
  const { over } = await limits().failedSignInEvents.fail(email.toLowerCase());
  if (over) return;
  void writeFailedSignIn(email, at).catch((error: unknown) =>
    console.error("audit: a failed sign-in could not be recorded:", error instanceof Error ? error.name : error),
  );
}

async function writeFailedSignIn(email: string, at: Date): Promise<void> {
  const db = getUnscopedDb();
  const members = await db.member.findMany({
    where: { identity: { email } },
    select: { id: true, accountId: true },
  });
  if (members.length === 0) return;
  await db.$transaction((tx) =>
    recordEvents(
      tx,
      members.map((member) => ({
        actor: { kind: "anonymous" as const, accountId: member.accountId, label: email },
        event: { action: "member.sign_in_failed", target: { type: "member", id: member.id, name: email } },
      })),
      at,
    ),
  );
}
