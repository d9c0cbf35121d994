import type { MemberRow } from "./types";

// "Active", or "Invited" (and whether the link has expired) for a pending invitation.
export function MemberStatus({ member }: { member: MemberRow }) {
  if (member.status === "active") return <span className="text-slate-600">Active</span>;
  return (
    <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-700">
      {member.invitationExpired ? "Invited · link expired" : "Invited"}
    </span>
  );
}
