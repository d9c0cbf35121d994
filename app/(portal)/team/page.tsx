import type { Metadata } from "next";
import { NoAccess } from "@/components/portal/no-access";
import { PageHeader } from "@/components/portal/page-header";
import { roleChoices } from "@/components/roles/role-options";
import { TeamView } from "@/components/team/team-view";
import { TwoFactorPolicyControl } from "@/components/two-factor/two-factor-policy-dialog";
import { requireSession } from "@/lib/auth/current-member";
import { getTwoFactorPolicy, membersWithTwoFactor } from "@/lib/auth/two-factor-policy";
import { now } from "@/lib/clock";
import { allows, exceeding } from "@/lib/permissions";
import { listRoles } from "@/lib/roles/queries";
import { team } from "@/lib/team/team";
import { parseListQuery, readClampedPage } from "@/components/ui/paging";
import { MAX_PAGE_SIZE, pageQuerySchema } from "@/lib/validations/common";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const session = await requireSession("/team");
  const member = session.actor;
  const header = (
    <PageHeader title="Team" description="Members who sign in to this portal, and the role each one has." />
  );
  if (!allows(member.permissions, "team", "READ"))
    return (
      <>
        {header}
        <NoAccess area="team" />
      </>
    );
  const query = parseListQuery(pageQuerySchema, await searchParams);
  const [{ items, total, totalCapped, page }, roles] = await Promise.all([
    readClampedPage(query.page, MAX_PAGE_SIZE, (page) =>
      team.list(member.accountId, { page, pageSize: MAX_PAGE_SIZE }),
    ),
    listRoles(member.accountId),
  ]);
  const [withTwoFactor, policy] = await Promise.all([
    membersWithTwoFactor(
      member.accountId,
      items.map((row) => row.id),
    ),
    getTwoFactorPolicy(member.accountId),
  ]);
  return (
    <>
      {header}
      <TwoFactorPolicyControl requireTwoFactor={policy.requireTwoFactor} canWrite={session.owner} />
      <TeamView
        members={items.map((row) => ({
          id: row.id,
          name: row.name,
          email: row.email,
          role: row.role,
          isYou: row.id === member.id,
          aboveYou:
            exceeding(
              roles.find((role) => role.id === row.role.id)?.permissions ?? member.permissions,
              member.permissions,
            ).length > 0,
          status: row.status,
          invitationExpired: row.invitationExpiresAt !== null && new Date(row.invitationExpiresAt) <= now(),
          twoFactor: withTwoFactor.has(row.id),
        }))}
        roles={roleChoices(roles, member.permissions)}
        canWrite={allows(member.permissions, "team", "FULL")}
        canReadAudit={allows(member.permissions, "audit_log", "READ")}
        paging={{ page, pageSize: MAX_PAGE_SIZE, total, totalCapped }}
      />
    </>
  );
}
