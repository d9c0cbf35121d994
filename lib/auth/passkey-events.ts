import "server-only";
import { recordEvents } from "@/lib/audit/record";
import { getUnscopedDb } from "@/lib/db";

// A passkey's signature whose counter did not grow: the authenticator says it signed as
// often as, or less often than, it had already (a copied key, or an answer replayed). The
// answer is refused; this records it in every account of the passkey's login, with an
// anonymous actor named by the passkey (whoever holds it is not proved to be the person),
// so Owners see it in the audit log. Only a holder of the passkey's private key can cause
// one, and the sign-in brakes bound how often.
export async function recordCounterRefused(
  passkey: { identityId: string; name: string; counter: number },
  newCounter: number,
): Promise<void> {
  const db = getUnscopedDb();
  const members = await db.member.findMany({
    where: { identityId: passkey.identityId },
    select: { id: true, accountId: true, identity: { select: { email: true } } },
  });
  if (members.length === 0) return;
  await db.$transaction((tx) =>
    recordEvents(
      tx,
      members.map((member) => ({
        actor: { kind: "anonymous" as const, accountId: member.accountId, label: `passkey “${passkey.name}”` },
        event: {
          action: "member.passkey_counter_refused",
          target: { type: "member", id: member.id, name: member.identity?.email ?? null },
          changes: {
            passkey: { from: null, to: passkey.name },
            signatureCounter: { from: passkey.counter, to: newCounter },
          },
        },
      })),
    ),
  );
}
