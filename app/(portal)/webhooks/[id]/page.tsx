import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NoAccess } from "@/components/portal/no-access";
import { PageHeader } from "@/components/portal/page-header";
import { WebhookDetail } from "@/components/webhooks/webhook-detail";
import { requireMember } from "@/lib/auth/current-member";
import { AppError } from "@/lib/errors";
import { allows } from "@/lib/permissions";
import { idSchema } from "@/lib/validations/common";
import { listDeliveries } from "@/lib/webhooks/deliveries";
import { getWebhook } from "@/lib/webhooks/endpoints";

export const metadata: Metadata = { title: "Webhook Endpoint" };

// One endpoint and its delivery log (the latest 50 tries).
export default async function WebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: rawId } = await params;
  const member = await requireMember(`/webhooks/${encodeURIComponent(rawId)}`);
  const header = (description: string) => <PageHeader title="Webhook Endpoint" description={description} />;
  if (!allows(member.permissions, "webhooks", "READ"))
    return (
      <>
        {header("Where events are sent.")}
        <NoAccess area="webhooks" />
      </>
    );
  const parsed = idSchema.safeParse(rawId);
  if (!parsed.success) notFound();
  const webhook = await getWebhook(member.accountId, parsed.data).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const deliveries = await listDeliveries(member.accountId, webhook.id);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/webhooks" className="text-muted-foreground underline-offset-2 hover:underline">
          ← Webhooks
        </Link>
      </p>
      {header(webhook.description || "Where events are sent, and what each delivery got back.")}
      <WebhookDetail
        webhook={webhook}
        deliveries={deliveries}
        canWrite={allows(member.permissions, "webhooks", "FULL")}
      />
    </>
  );
}
