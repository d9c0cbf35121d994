import { now } from "@/lib/clock";
import { queueMail } from "@/lib/mail/queue";
import { webhookDisabledMail } from "@/lib/mail/webhook-disabled";
import { wakeOutbox } from "@/lib/outbox/worker";
import { recordAnonymousChanges } from "@/lib/records/write";
import { webhookKind } from "./endpoints";

// An endpoint whose deliveries failed for FAILING_DAYS in a row is switched off (by the
// server, recorded as such in the audit log) and the account's Owners are mailed, once:
// of several instances that see it at once, one flips `enabled` and mails.
export const FAILING_DAYS = 5;

export async function disableFailingEndpoint(accountId: string, endpointId: string): Promise<void> {
  let mailed = false;
  await recordAnonymousChanges(
    webhookKind,
    async (tx) => {
      const endpoint = await tx.webhookEndpoint.findFirst({
        where: { id: endpointId, accountId },
        select: { url: true, failingSince: true, account: { select: { name: true } } },
      });
      const { count } = await tx.webhookEndpoint.updateMany({
        where: { id: endpointId, accountId, enabled: true },
        data: { enabled: false, disabledReason: "failing" },
      });
      if (!endpoint || count !== 1) return { result: undefined, events: [] };
      const owners = await tx.member.findMany({
        where: { accountId, identityId: { not: null }, role: { builtIn: "OWNER" } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { name: true, identity: { select: { email: true } } },
      });
      for (const owner of owners) {
        if (!owner.identity) continue;
        const mail = webhookDisabledMail(
          { name: owner.name, email: owner.identity.email },
          { accountName: endpoint.account.name, url: endpoint.url, failingSince: endpoint.failingSince ?? now() },
        );
        await queueMail(tx, { accountId, kind: "webhook_disabled", ...mail });
        mailed = true;
      }
      return {
        result: undefined,
        events: [
          {
            actor: { kind: "anonymous" as const, accountId, label: "Webhook deliveries" },
            event: {
              action: "webhook.disabled_failing",
              target: { type: "webhook", id: endpointId, name: endpoint.url },
              changes: { enabled: { from: true, to: false } },
            },
          },
        ],
      };
    },
    { afterCommit: async () => (mailed ? wakeOutbox() : undefined) },
  );
}
