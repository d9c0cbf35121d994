import { KeyRound, LogOut } from "lucide-react";
import { signOutAction } from "@/lib/actions/sign-out";
import { allows, type Area, type Permissions } from "@/lib/permissions";
import { AccountSwitcher, type AccountChoice } from "./account-switcher";
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

type MemberSummary = { name: string; email: string; accountName: string; roleName: string };

export function Sidebar({
  member,
  permissions,
  accounts,
}: {
  member: MemberSummary;
  permissions: Permissions;
  accounts: AccountChoice;
}) {
  return (
    <aside className="flex w-60 shrink-0 flex-col border-r border-slate-200 bg-white">
      <div className="flex items-center gap-2 px-5 py-5 font-semibold text-slate-900">
        <KeyRound className="h-5 w-5 text-indigo-600" aria-hidden />
        {accounts.all.length > 1 ? (
          <AccountSwitcher accounts={accounts} />
        ) : (
          <span className="truncate" title={member.accountName}>
            {member.accountName}
          </span>
        )}
      </div>
      <nav aria-label="Main" className="flex-1 space-y-0.5 px-3">
        {NAV.filter((item) => allows(permissions, item.area, "READ")).map((item) => (
          <NavLink key={item.href} href={item.href}>
            {item.label}
          </NavLink>
        ))}
        <a
          href="/api/reference"
          className="block rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-50 hover:text-slate-900"
        >
          API Reference
        </a>
      </nav>
      <div className="border-t border-slate-200 px-5 py-4 text-sm">
        <a href="/account" className="block truncate font-medium text-slate-900 hover:underline">
          {member.name}
        </a>
        <p className="truncate text-xs text-slate-500">
          {member.email} · {member.roleName}
        </p>
        <form action={signOutAction} className="mt-3">
          <button type="submit" className="inline-flex items-center gap-1.5 text-slate-500 hover:text-slate-900">
            <LogOut className="h-4 w-4" aria-hidden />
            Sign out
          </button>
        </form>
      </div>
    </aside>
  );
}
