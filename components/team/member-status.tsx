import type { MemberRow } from "./types";

const pending =
  "rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 dark:bg-amber-950 dark:text-amber-200";

// "Active"; "Email not confirmed" for someone who joined with a new login and can't act
// until they confirm it; "Invited" (and whether the link has expired) for a pending invitation.
// An active member's two-factor status follows: "2FA on" or "No 2FA".
export function MemberStatus({ member }: { member: MemberRow }) {
  if (member.status === "active")
    return (
      <span className="text-muted-foreground">
        Active ·{" "}
        {member.twoFactor ? (
          <span className="text-foreground">2FA on</span>
        ) : (
          <span className="text-amber-800 dark:text-amber-200">No 2FA</span>
        )}
      </span>
    );
  if (member.status === "unverified") return <span className={pending}>Email not confirmed</span>;
  return <span className={pending}>{member.invitationExpired ? "Invited · link expired" : "Invited"}</span>;
}
