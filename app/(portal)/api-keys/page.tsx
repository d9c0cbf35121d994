import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiKeysView } from "@/components/api-keys/api-keys-view";
import { CurlExample } from "@/components/api-keys/curl-example";
import { NoAccess } from "@/components/portal/no-access";
import { PageHeader } from "@/components/portal/page-header";
import { AccountUsage } from "@/components/usage/account-usage";
import { parseListQuery, readClampedPage } from "@/components/ui/paging";
import { listApiKeys } from "@/lib/api-keys/manage";
import { requireMember } from "@/lib/auth/current-member";
import { allows, exceeding } from "@/lib/permissions";
import { publicOrigin } from "@/lib/public-url";
import { listRoles } from "@/lib/roles/queries";
import { listApiKeysSchema } from "@/lib/validations/api-key";

export const metadata: Metadata = { title: "API Keys" };

export default async function ApiKeysPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const member = await requireMember("/api-keys");
  const header = (
    <PageHeader title="API Keys" description="Keys let scripts call the REST API with the permissions of their role." />
  );
  if (!allows(member.permissions, "api_keys", "READ"))
    return (
      <>
        {header}
        <NoAccess area="api_keys" />
      </>
    );

  // Page numbers, never a cursor: the address always names a true page.
  const params = await searchParams;
  const { after: _cursor, ...query } = parseListQuery(listApiKeysSchema, params);
  const [page, roles] = await Promise.all([
    readClampedPage(query.page, query.pageSize, (page) => listApiKeys(member.accountId, { ...query, page })),
    listRoles(member.accountId),
  ]);
  return (
    <>
      {header}
      <ApiKeysView
        rows={page.items}
        total={page.total}
        totalCapped={page.totalCapped}
        roles={roles.map((role) => ({
          id: role.id,
          name: role.name,
          permissions: role.permissions,
          grantable: exceeding(role.permissions, member.permissions).length === 0,
        }))}
        canWrite={allows(member.permissions, "api_keys", "FULL")}
        canReadAudit={allows(member.permissions, "audit_log", "READ")}
        query={{ ...query, page: page.page }}
      />
      <div className="mt-8">
        <AccountUsage accountId={member.accountId} searchParams={params} />
      </div>
      <div className="mt-8">
        <CurlExample origin={publicOrigin(await headers())} />
      </div>
    </>
  );
}
