import type { Metadata } from "next";
import { ApiKeysView } from "@/components/api-keys/api-keys-view";
import { CurlExample } from "@/components/api-keys/curl-example";
import { ExpiringKeysBanner } from "@/components/api-keys/key-banners";
import { keyPageContext } from "@/components/api-keys/page-context";
import { NoAccess } from "@/components/portal/no-access";
import { PageHeader } from "@/components/portal/page-header";
import { AccountUsage } from "@/components/usage/account-usage";
import { parseListQuery, readClampedPage } from "@/components/ui/paging";
import { listApiKeys } from "@/lib/api-keys/manage";
import { requireMember } from "@/lib/auth/current-member";
import { allows } from "@/lib/permissions";
import { listApiKeysSchema } from "@/lib/validations/api-key";

export const metadata: Metadata = { title: "API Keys" };

// The stored "env=prod" as the filter is written in the address, env:prod.
const shownTag = (tag: string | undefined) => (tag ? tag.replace("=", ":") : "");

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
  const [page, context] = await Promise.all([
    readClampedPage(query.page, query.pageSize, (page) => listApiKeys(member.accountId, { ...query, page })),
    keyPageContext(member),
  ]);
  return (
    <>
      {header}
      <ExpiringKeysBanner accountId={member.accountId} canWrite={context.canWrite} />
      <ApiKeysView
        rows={page.items}
        total={page.total}
        totalCapped={page.totalCapped}
        page={context}
        query={{ ...query, page: page.page, state: query.state ?? "", tag: shownTag(query.tag) }}
      />
      <div className="mt-8">
        {/* Read by the browser after the page: the keys don't wait for a day of usage. */}
        <AccountUsage />
      </div>
      <div className="mt-8">
        <CurlExample origin={context.origin} />
      </div>
    </>
  );
}
