import { cn } from "@/lib/cn";
import { formatDate } from "@/lib/format-date";
import { EXPIRING_SOON_DAYS } from "@/lib/validations/api-key";
import type { KeyRow } from "./types";

const DAY_MS = 86_400_000;

// Active / Disabled / Expired / Expiring in N days, from the key's JSON and the server's
// clock at render time (`now`, epoch ms), so the badge and the API's `state` agree.
export function keyStatus(key: Pick<KeyRow, "state" | "expiresAt">, now: number) {
  if (key.state === "expired") return { label: "Expired", tone: "expired", expiringSoon: false } as const;
  if (key.state === "disabled") return { label: "Disabled", tone: "disabled", expiringSoon: false } as const;
  const left = key.expiresAt ? new Date(key.expiresAt).getTime() - now : Infinity;
  if (left <= EXPIRING_SOON_DAYS * DAY_MS) {
    const days = Math.ceil(left / DAY_MS);
    const label = days <= 1 ? "Expires within a day" : `Expiring in ${days} days`;
    return { label, tone: "expiring", expiringSoon: true } as const;
  }
  return { label: "Active", tone: "active", expiringSoon: false } as const;
}

const TONES = {
  active: "bg-success-soft text-success-foreground ring-success-foreground/25",
  disabled: "bg-badge text-badge-foreground ring-badge-foreground/20",
  expired: "bg-destructive-soft text-destructive-foreground ring-destructive-foreground/25",
  expiring: "bg-warning-soft text-warning-foreground ring-warning-foreground/30",
} as const;

export function KeyStateBadge({ keyRow, now }: { keyRow: Pick<KeyRow, "state" | "expiresAt">; now: number }) {
  const status = keyStatus(keyRow, now);
  return (
    <span
      title={keyRow.expiresAt ? `Expires ${formatDate(keyRow.expiresAt, true)}` : undefined}
      className={cn("state-pill", TONES[status.tone])}
    >
      {status.label}
    </span>
  );
}
