import type { Metadata } from "next";
import { NoAccess } from "@/components/portal/no-access";
import { PageHeader } from "@/components/portal/page-header";
import { RolesView } from "@/components/roles/roles-view";
import { requireMember } from "@/lib/auth/current-member";
import { allows } from "@/lib/permissions";
import { roles } from "@/lib/roles/roles";
import { parseListQuery, readClampedPage } from "@/components/ui/paging";
import { MAX_PAGE_SIZE, pageQuerySchema } from "@/lib/validations/common";

export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const member = await requireMember("/roles");
  const header = (
    <PageHeader
      title="Roles"
      description="A role gives each area of the account one level: No Access, Read Access or Full Access."
    />
  );
  if (!allows(member.permissions, "roles", "READ"))
    return (
      <>
        {header}
        <NoAccess area="roles" />
      </>
    );
  const query = parseListQuery(pageQuerySchema, await searchParams);
  const { items, total, totalCapped, page } = await readClampedPage(query.page, MAX_PAGE_SIZE, (page) =>
    roles.list(member.accountId, { page, pageSize: MAX_PAGE_SIZE }),
  );
  return (
    <>
      {header}
      <RolesView
        roles={items.map((role) => ({
          id: role.id,
          name: role.name,
          builtIn: role.builtIn,
          permissions: role.permissions,
          usage: role.usage,
        }))}
        own={member.permissions}
        canWrite={allows(member.permissions, "roles", "FULL")}
        canReadAudit={allows(member.permissions, "audit_log", "READ")}
        paging={{ page, pageSize: MAX_PAGE_SIZE, total, totalCapped }}
      />
    </>
  );
}
