import { KeyRound, LogOut } from "lucide-react";
import { signOutAction } from "@/lib/actions/sign-out";
import { allows, AREA_NAMES, AREAS, type Permissions } from "@/lib/permissions";
import { NavLink } from "./nav-link";

type MemberSummary = { name: string; email: string; accountName: string; roleName: string };

export function Sidebar({ member, permissions }: { member: MemberSummary; permissions: Permissions }) {
  return (
    <aside className="flex w-60 shrink-0 flex-col border-r border-slate-200 bg-white">
      <div className="flex items-center gap-2 px-5 py-5 font-semibold text-slate-900">
        <KeyRound className="h-5 w-5 text-indigo-600" aria-hidden />
        <span className="truncate" title={member.accountName}>
          {member.accountName}
        </span>
      </div>
      <nav aria-label="Main" className="flex-1 space-y-0.5 px-3">
        {/* Areas the member has No Access to are not shown. */}
        {AREA_NAMES.filter((area) => allows(permissions, area, "READ")).map((area) => (
          <NavLink key={area} href={AREAS[area].href}>
            {AREAS[area].label}
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
        <p className="truncate font-medium text-slate-900">{member.name}</p>
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
