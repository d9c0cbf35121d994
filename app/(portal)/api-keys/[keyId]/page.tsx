import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { KeyDetail } from "@/components/api-keys/key-detail";
import { KeyRequests } from "@/components/api-keys/key-requests";
import { NeedsLess } from "@/components/api-keys/needs-less";
import { keyPageContext } from "@/components/api-keys/page-context";
import { NoAccess } from "@/components/portal/no-access";
import { parseListQuery, readClampedPage } from "@/components/ui/paging";
import { PageHeader } from "@/components/portal/page-header";
import { KeyUsage } from "@/components/usage/key-usage";
import { creatorName } from "@/lib/api-keys/created-by";
import { getApiKey } from "@/lib/api-keys/manage";
import { needsLessOf } from "@/lib/api-keys/needs-less";
import { listAuditEvents } from "@/lib/audit/list";
import { requireMember } from "@/lib/auth/current-member";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { allows } from "@/lib/permissions";
import { keyIdSchema } from "@/lib/validations/api-key";
import { keyRowIdOf } from "@/lib/usage/query";
import { listKeyRequests } from "@/lib/usage/request-log-list";
import { requestLogQuerySchema } from "@/lib/validations/request-log";

export const metadata: Metadata = { title: "API Key" };

// One key: what it is, its state, who made it, where it was last used, its expiry,
// allowlist, limits and usage (?usage=24h|30d|12m), what it used against what its role
// grants, its request log (?q=, ?status=, ?page=),
// roll history, and (with Audit Log access) what happened to it.
export default async function ApiKeyPage({
  params,
  searchParams,
}: {
  params: Promise<{ keyId: string }>;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const { keyId: rawKeyId } = await params;
  const member = await requireMember(`/api-keys/${encodeURIComponent(rawKeyId)}`);
  if (!allows(member.permissions, "api_keys", "READ"))
    return (
      <>
        <PageHeader title="API Key" description="A key that scripts use to call the API." />
        <NoAccess area="api_keys" />
      </>
    );
  const parsed = keyIdSchema.safeParse(rawKeyId);
  if (!parsed.success) notFound();
  const keyId = parsed.data;
  const key = await getApiKey(member.accountId, keyId).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const canReadAudit = allows(member.permissions, "audit_log", "READ");
  const query = await searchParams;
  const { page: askedPage, pageSize, after: _after, ...filters } = parseListQuery(requestLogQuerySchema, query);
  const [context, events, createdBy, requests, proposal] = await Promise.all([
    keyPageContext(member),
    canReadAudit
      ? listAuditEvents(member.accountId, { targetType: "api_key", targetId: keyId }, { page: 1, pageSize: 50 })
      : null,
    creatorName(member.accountId, key.createdBy),
    keyRowIdOf(member.accountId, keyId).then((rowId) =>
      readClampedPage(askedPage, pageSize, (page) =>
        listKeyRequests(member.accountId, rowId, filters, { page, pageSize }),
      ),
    ),
    needsLessOf(member.accountId, keyId),
  ]);
  const usage = (
    <KeyUsage
      accountId={member.accountId}
      keyId={keyId}
      limits={key}
      createdAt={key.createdAt}
      usageParam={query.usage}
      path={`/api-keys/${keyId}`}
    />
  );
  return (
    <KeyDetail
      keyDetail={key}
      page={context}
      events={events?.items ?? null}
      createdBy={createdBy}
      usage={usage}
      needsLess={<NeedsLess keyId={keyId} proposal={proposal} canWrite={context.canWrite} />}
      requests={
        <KeyRequests
          keyId={keyId}
          requests={requests.items}
          total={requests.total}
          totalCapped={requests.totalCapped}
          page={requests.page}
          pageSize={pageSize}
          filters={filters}
          keptPerKey={config.requestLogPerKey}
        />
      }
    />
  );
}
