import { KeyRound } from "lucide-react";
import type { ReactNode } from "react";
import { LeakedKeysBanner } from "@/components/api-keys/key-banners";
import { MobileNav } from "@/components/portal/mobile-nav";
import { SidebarContent } from "@/components/portal/sidebar";
import { StepUpProvider } from "@/components/two-factor/step-up";
import { getCurrentSession } from "@/lib/auth/current-member";
import { listMemberships } from "@/lib/auth/switch-account";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  // Each page checks the session itself (requireMember with its own path, so sign-in can
  // come back to it); without one the page redirects and this chrome is never shown.
  const session = await getCurrentSession();
  if (!session || session.mustChangePassword || session.mustSetUpTwoFactor) return children;
  const member = session.actor;
  const accounts = await listMemberships(session.identityId);
  const nav = (
    <SidebarContent
      member={{
        name: member.name,
        email: member.email ?? "",
        accountName: member.accountName,
        roleName: member.role.name,
      }}
      permissions={member.permissions}
      accounts={{ current: member.accountId, all: accounts }}
      owner={session.owner}
    />
  );
  return (
    <div className="min-h-screen md:flex">
      <a
        href="#main-content"
        className="sr-only rounded-md bg-primary px-4 py-2 text-sm font-medium text-primary-foreground focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-border bg-card px-4 md:hidden">
        <MobileNav accountId={member.accountId}>{nav}</MobileNav>
        <KeyRound className="h-5 w-5 shrink-0 text-link" aria-hidden />
        <span className="truncate font-semibold" title={member.accountName}>
          {member.accountName}
        </span>
      </header>
      <aside className="sticky top-0 hidden h-screen w-56 shrink-0 flex-col border-r border-border bg-card md:flex">
        {nav}
      </aside>
      <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 outline-none sm:px-6 md:px-8 md:py-8">
        <div className="mx-auto max-w-6xl">
          <LeakedKeysBanner accountId={member.accountId} memberId={member.id} permissions={member.permissions} />
          <StepUpProvider twoFactor={session.twoFactor} passkeys={session.passkeys}>
            {children}
          </StepUpProvider>
        </div>
      </main>
    </div>
  );
}
