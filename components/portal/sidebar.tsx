import { BookOpen, KeyRound, LogOut } from "lucide-react";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { signOutAction } from "@/lib/actions/sign-out";
import { allows, type Area, type Permissions } from "@/lib/permissions";
import { NavLink } from "./nav-link";

// Areas the member has No Access to are not shown.
const NAV: { href: string; label: string; area: Area }[] = [
  { href: "/users", label: "Users", area: "users" },
  { href: "/groups", label: "Groups", area: "groups" },
  { href: "/networks", label: "Networks", area: "networks" },
  { href: "/vouchers", label: "Vouchers", area: "vouchers" },
  { href: "/api-keys", label: "API Keys", area: "api_keys" },
  { href: "/roles", label: "Roles", area: "roles" },
  { href: "/team", label: "Team", area: "team" },
];

export type MemberSummary = { name: string; email: string; accountName: string; roleName: string };

// The portal's navigation: a fixed column from `md` up, the menu drawer's content below.
export function SidebarContent({ member, permissions }: { member: MemberSummary; permissions: Permissions }) {
  return (
    <>
      <div className="flex items-center gap-2 px-5 py-5 font-semibold text-foreground">
        <KeyRound className="h-5 w-5 shrink-0 text-link" aria-hidden />
        <span className="truncate" title={member.accountName}>
          {member.accountName}
        </span>
      </div>
      <nav aria-label="Main" className="flex-1 space-y-0.5 overflow-y-auto px-3">
        {NAV.filter((item) => allows(permissions, item.area, "READ")).map((item) => (
          <NavLink key={item.href} href={item.href}>
            {item.label}
          </NavLink>
        ))}
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
          <p className="truncate font-medium text-foreground" title={member.name}>
            {member.name}
          </p>
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
