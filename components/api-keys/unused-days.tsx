import { formatDate } from "@/lib/format-date";

const DAY_MS = 86_400_000;
// The unused-key policy's notice comes this many days before it acts (UNUSED_NOTICE_DAYS).
const NOTICE_DAYS = 7;

type UnusedKey = { lastUsedAt: string | null; createdAt: string; enabled: boolean };

// Whole days since the key was last used, or since it was created if never; null under a day.
export function unusedDays(key: Pick<UnusedKey, "lastUsedAt" | "createdAt">, now: number): number | null {
  const days = Math.floor((now - new Date(key.lastUsedAt ?? key.createdAt).getTime()) / DAY_MS);
  return days >= 1 ? days : null;
}

// When the account's unused-key policy disables this key if nobody uses it before; null
// when there is no policy or the key is already disabled.
export function disabledIfUnusedAt(key: UnusedKey, disableAfterDays: number | null): number | null {
  if (disableAfterDays === null || !key.enabled) return null;
  return new Date(key.lastUsedAt ?? key.createdAt).getTime() + disableAfterDays * DAY_MS;
}

// "Unused for N days" beneath a key's last use, once it has been a day; under the account's
// unused-key policy, the date it will be disabled once that is within the notice's 7 days
// (always, with `always`: the key's page).
export function UnusedFor({
  keyRow,
  now,
  disableAfterDays = null,
  always = false,
}: {
  keyRow: UnusedKey;
  now: number;
  disableAfterDays?: number | null;
  always?: boolean;
}) {
  const days = unusedDays(keyRow, now);
  const disableAt = disabledIfUnusedAt(keyRow, disableAfterDays);
  const soon = disableAt !== null && disableAt - now <= NOTICE_DAYS * DAY_MS;
  return (
    <>
      {days === null ? null : (
        <span className="block text-xs text-muted-foreground">
          Unused for {days} {days === 1 ? "day" : "days"}
        </span>
      )}
      {disableAt !== null && (soon || always) ? (
        <span className={soon ? "block text-xs text-warning-foreground" : "block text-xs text-muted-foreground"}>
          Disabled on{" "}
          <time dateTime={new Date(disableAt).toISOString()}>{formatDate(new Date(disableAt).toISOString())}</time> if
          unused
        </span>
      ) : null}
    </>
  );
}
