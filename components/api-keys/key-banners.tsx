import { Clock, ShieldAlert } from "lucide-react";
import { cookies } from "next/headers";
import Link from "next/link";
import { keysExpiringSoon, leakedKeys } from "@/lib/api-keys/notices";
import { formatDate } from "@/lib/format-date";
import { allows, type Permissions } from "@/lib/permissions";
import { EXPIRING_SOON_DAYS } from "@/lib/validations/api-key";
import { DismissibleBanner } from "./dismissible-banner";

// The member's dismissal of the leak banner: the time of the latest report they saw.
export const leakBannerCookie = (memberId: string) => `wisp_leaks_seen_${memberId}`;

// Shown on every portal page to members with API Keys access while a key reported
// leaked has been neither enabled again nor deleted: one line however many, naming the
// latest few; the reporter's own words only on the key's page. Each member may dismiss it;
// it comes back when a key is reported after that.
export async function LeakedKeysBanner({
  accountId,
  memberId,
  permissions,
}: {
  accountId: string;
  memberId: string;
  permissions: Permissions;
}) {
  if (!allows(permissions, "api_keys", "READ")) return null;
  const { keys, total } = await leakedKeys(accountId);
  if (total === 0) return null;
  const latest = String(keys[0].leakReportedAt?.getTime() ?? 0);
  const cookie = leakBannerCookie(memberId);
  // Hidden while no key was reported after the one it last showed.
  if (Number((await cookies()).get(cookie)?.value ?? -1) >= Number(latest)) return null;
  return (
    <DismissibleBanner
      cookie={cookie}
      version={latest}
      label="Dismiss the leaked keys notice"
      className="mb-6 flex gap-2 rounded-lg border border-destructive-foreground/30 bg-destructive-soft px-4 py-3 text-sm [overflow-wrap:anywhere] text-destructive-foreground"
    >
      <ShieldAlert className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
      <p>
        {total === 1 ? "1 key was" : `${total} keys were`} disabled after a leak report:{" "}
        {keys.map((key, index) => (
          <span key={key.keyId}>
            {index > 0 ? ", " : ""}
            <Link href={`/api-keys/${key.keyId}`} className="font-semibold underline">
              {key.name}
            </Link>
          </span>
        ))}
        {total > keys.length ? (
          <>
            {" "}
            and{" "}
            <Link href="/api-keys?state=disabled" className="font-semibold underline">
              {total - keys.length} more
            </Link>
          </>
        ) : null}
        . Roll {total === 1 ? "it" : "each"} and enable it again, or delete it.{" "}
        <Link href="/api-keys?state=disabled" className="font-semibold whitespace-nowrap underline">
          Show disabled keys
        </Link>
      </p>
    </DismissibleBanner>
  );
}

// On the API Keys page: keys that stop working within EXPIRING_SOON_DAYS.
// Only members who may change keys are asked to; the others are told whom to ask.
export async function ExpiringKeysBanner({ accountId, canWrite }: { accountId: string; canWrite: boolean }) {
  const { keys, total } = await keysExpiringSoon(accountId);
  if (total === 0) return null;
  return (
    <div
      role="status"
      className="mb-4 flex gap-2 rounded-lg border border-warning-foreground/30 bg-warning-soft px-4 py-3 text-sm text-warning-foreground"
    >
      <Clock className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
      <p>
        {total === 1 ? "1 key expires" : `${total} keys expire`} within {EXPIRING_SOON_DAYS} days:{" "}
        {keys.map((key, index) => (
          <span key={key.keyId}>
            {index > 0 ? ", " : ""}
            <Link href={`/api-keys/${key.keyId}`} className="font-medium underline">
              {key.name}
            </Link>{" "}
            ({formatDate(key.expiresAt!.toISOString(), true)})
          </span>
        ))}
        {total > keys.length ? (
          <>
            {" "}
            and{" "}
            <Link href="/api-keys?state=expiring" className="font-medium underline">
              {total - keys.length} more
            </Link>
          </>
        ) : null}
        {canWrite
          ? ". Edit their expiry, or roll them into new keys before then."
          : ". Ask a member with Full Access to API Keys to extend or roll them before then."}
      </p>
    </div>
  );
}
