import { roleChangedMail } from "@/lib/mail/notices";
import { queueMail } from "@/lib/mail/queue";
import type { Tx } from "@/lib/records/kind";
import { wants } from "./recipients";

// "Your role changed", to the member whose role it is (not when they changed it themselves,
// nor to an invited member without a login yet), in the change's own transaction.
export async function queueRoleChangedNotice(
  tx: Tx,
  change: { accountId: string; accountName: string; memberId: string; from: string; toRoleId: string; by: string },
): Promise<boolean> {
  const { accountId } = change;
  const member = await tx.member.findFirst({
    where: { id: change.memberId, accountId },
    select: { name: true, identity: { select: { email: true, noticesOff: true } } },
  });
  const role = await tx.role.findFirst({ where: { id: change.toRoleId, accountId }, select: { name: true } });
  if (!member?.identity || !role || !wants(member.identity, "role_changed")) return false;
  const reader = { name: member.name, email: member.identity.email, reasons: [] };
  await queueMail(tx, {
    accountId,
    kind: "role_changed",
    ...roleChangedMail(reader, { accountName: change.accountName, from: change.from, to: role.name, by: change.by }),
  });
  return true;
}
