import type { MemberRow } from "./types";

// "Active", or "Invited" (and whether the link has expired) for a pending invitation.
export function MemberStatus({ member }: { member: MemberRow }) {
  if (member.status === "active") return <span className="text-muted-foreground">Active</span>;
  return (
    <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 dark:bg-amber-950 dark:text-amber-200">
      {member.invitationExpired ? "Invited · link expired" : "Invited"}
    </span>
  );
}
