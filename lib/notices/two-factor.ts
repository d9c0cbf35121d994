import { twoFactorMail, type TwoFactorChange } from "@/lib/mail/notices";
import { queueMail } from "@/lib/mail/queue";
import type { Tx } from "@/lib/records/kind";
import { currentRequest } from "@/lib/http/request-context";

// "Your second factors changed", to that person, in the change's own transaction. A
// security notice: always sent.
export async function queueTwoFactorNotice(
  tx: Tx,
  change: {
    identityId: string;
    member: { name: string; accountId: string; accountName: string };
    at: Date;
    change: TwoFactorChange;
  },
): Promise<void> {
  const identity = await tx.identity.findUnique({ where: { id: change.identityId }, select: { email: true } });
  if (!identity) return;
  const { member } = change;
  await queueMail(tx, {
    accountId: member.accountId,
    kind: "two_factor",
    ...twoFactorMail(
      { name: member.name, email: identity.email, reasons: [] },
      {
        accountName: member.accountName,
        at: change.at,
        change: change.change,
        address: currentRequest()?.clientAddress ?? null,
      },
    ),
  });
}
