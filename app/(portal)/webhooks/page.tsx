import type { Metadata } from "next";
import { NoAccess } from "@/components/portal/no-access";
import { PageHeader } from "@/components/portal/page-header";
import { WebhooksView } from "@/components/webhooks/webhooks-view";
import { requireMember } from "@/lib/auth/current-member";
import { allows } from "@/lib/permissions";
import { listWebhooks, MAX_ENDPOINTS } from "@/lib/webhooks/endpoints";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const member = await requireMember("/webhooks");
  const header = (
    <PageHeader
      title="Webhooks"
      description="Endpoints that receive signed events when keys, members and roles change."
    />
  );
  if (!allows(member.permissions, "webhooks", "READ"))
    return (
      <>
        {header}
        <NoAccess area="webhooks" />
      </>
    );
  const { items } = await listWebhooks(member.accountId, { page: 1, pageSize: MAX_ENDPOINTS });
  return (
    <>
      {header}
      <WebhooksView webhooks={items} canWrite={allows(member.permissions, "webhooks", "FULL")} />
    </>
  );
}
