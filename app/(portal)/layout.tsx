import type { ReactNode } from "react";
import { Sidebar } from "@/components/portal/sidebar";
import { getCurrentSession } from "@/lib/auth/current-member";
import { listMemberships } from "@/lib/auth/switch-account";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  // Each page checks the session itself (requireMember with its own path, so sign-in can
  // come back to it); without one the page redirects and this chrome is never shown.
  const session = await getCurrentSession();
  if (!session || session.mustChangePassword) return children;
  const member = session.actor;
  const accounts = await listMemberships(session.identityId);
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
        accounts={{ current: member.accountId, all: accounts }}
      />
      <main className="flex-1 px-8 py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
