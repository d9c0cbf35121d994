import type { ReactNode } from "react";
import { LeakedKeysBanner } from "@/components/api-keys/key-banners";
import { Sidebar } from "@/components/portal/sidebar";
import { requireMember } from "@/lib/auth/current-member";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const member = await requireMember();
  return (
    <div className="flex min-h-screen">
      <Sidebar
        member={{
          name: member.name,
          email: member.email ?? "",
          accountName: member.accountName,
          roleName: member.role.name,
        }}
        permissions={member.permissions}
      />
      <main className="min-w-0 flex-1 px-8 py-8">
        <div className="mx-auto max-w-6xl">
          <LeakedKeysBanner accountId={member.accountId} permissions={member.permissions} />
          {children}
        </div>
      </main>
    </div>
  );
}
