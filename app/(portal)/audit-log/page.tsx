import type { Metadata } from "next";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { NoAccess } from "@/components/portal/no-access";
import { PageHeader } from "@/components/portal/page-header";
import { readClampedPage } from "@/components/ui/paging";
import { auditActions, listAuditEvents } from "@/lib/audit/list";
import { auditQuerySchema } from "@/lib/validations/audit";
import { requireMember } from "@/lib/auth/current-member";
import { allows } from "@/lib/permissions";

export const metadata: Metadata = { title: "Audit Log" };

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const member = await requireMember();
  const header = (
    <PageHeader
      title="Audit Log"
      description="Every change to this account: who made it, from where, and what it changed. Entries can't be edited or deleted."
    />
  );
  if (!allows(member.permissions, "audit_log", "READ"))
    return (
      <>
        {header}
        <NoAccess area="audit_log" />
      </>
    );
  const parsed = auditQuerySchema.safeParse(await searchParams);
  const {
    page: asked,
    pageSize,
    after: _after,
    dir,
    ...filters
  } = parsed.success ? parsed.data : auditQuerySchema.parse({});
  const [events, actions] = await Promise.all([
    readClampedPage(asked, pageSize, (page) => listAuditEvents(member.accountId, filters, { page, pageSize, dir })),
    auditActions(member.accountId),
  ]);
  return (
    <>
      {header}
      <AuditLogView
        events={events.items}
        total={events.total}
        totalCapped={events.totalCapped}
        page={events.page}
        pageSize={pageSize}
        filters={filters}
        dir={dir}
        actions={actions}
        invalid={!parsed.success}
      />
    </>
  );
}
