const DAY_MS = 86_400_000;

// Whole days since the key was last used, or since it was created if never; null under a day.
export function unusedDays(key: { lastUsedAt: string | null; createdAt: string }, now: number): number | null {
  const days = Math.floor((now - new Date(key.lastUsedAt ?? key.createdAt).getTime()) / DAY_MS);
  return days >= 1 ? days : null;
}

// "Unused for N days" beneath a key's last use, once it has been a day.
export function UnusedFor({ keyRow, now }: { keyRow: { lastUsedAt: string | null; createdAt: string }; now: number }) {
  const days = unusedDays(keyRow, now);
  if (days === null) return null;
  return (
    <span className="block text-xs text-muted-foreground">
      Unused for {days} {days === 1 ? "day" : "days"}
    </span>
  );
}
