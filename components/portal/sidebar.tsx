import { BookOpen, KeyRound, LogOut } from "lucide-react";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { signOutAction } from "@/lib/actions/sign-out";
import { allows, AREA_NAMES, AREAS, type Permissions } from "@/lib/permissions";
import { AccountSwitcher, type AccountChoice } from "./account-switcher";
import { NavLink } from "./nav-link";

export type MemberSummary = { name: string; email: string; accountName: string; roleName: string };

// The portal's navigation: a fixed column from `md` up, the menu drawer's content below.
export function SidebarContent({
  member,
  permissions,
  accounts,
  owner = false,
}: {
  member: MemberSummary;
  permissions: Permissions;
  accounts: AccountChoice;
  // Owners also see the account's Notifications (its recent mail).
  owner?: boolean;
}) {
  return (
    <>
      <div className="flex items-center gap-2 px-5 py-5 font-semibold text-foreground">
        <KeyRound className="h-5 w-5 shrink-0 text-link" aria-hidden />
        {accounts.all.length > 1 ? (
          <AccountSwitcher accounts={accounts} />
        ) : (
          <span className="truncate" title={member.accountName}>
            {member.accountName}
          </span>
        )}
      </div>
      <nav aria-label="Main" className="flex-1 space-y-0.5 overflow-y-auto px-3">
        {/* The areas, in the order of lib/permissions.ts; those with No Access are not shown. */}
        {AREA_NAMES.filter((area) => allows(permissions, area, "READ")).map((area) => (
          <NavLink key={area} href={AREAS[area].href}>
            {AREAS[area].label}
          </NavLink>
        ))}
        {owner ? <NavLink href="/notifications">Notifications</NavLink> : null}
        {owner ? <NavLink href="/single-sign-on">Single sign-on</NavLink> : null}
        <a
          href="/api/reference"
          className="flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground hover:bg-muted hover:text-foreground"
        >
          API Reference
          <BookOpen className="h-3.5 w-3.5" aria-hidden />
        </a>
      </nav>
      <div className="space-y-3 border-t border-border px-5 py-4 text-sm">
        <div className="min-w-0">
          <a href="/account" className="block truncate font-medium text-foreground hover:underline" title={member.name}>
            {member.name}
          </a>
          <p className="truncate text-xs text-muted-foreground" title={`${member.email} · ${member.roleName}`}>
            {member.email} · {member.roleName}
          </p>
        </div>
        <ThemeToggle />
        <form action={signOutAction}>
          <button
            type="submit"
            className="-mx-1 inline-flex items-center gap-1.5 rounded px-1 text-muted-foreground hover:text-foreground"
          >
            <LogOut className="h-4 w-4" aria-hidden />
            Sign out
          </button>
        </form>
      </div>
    </>
  );
}
