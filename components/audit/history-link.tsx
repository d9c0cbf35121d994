import { History } from "lucide-react";
import Link from "next/link";

// A table row's link to the audit events of its record.
export function HistoryLink({ name, targetType, targetId }: { name: string; targetType: string; targetId: string }) {
  return (
    <Link
      href={`/audit-log?targetType=${targetType}&targetId=${encodeURIComponent(targetId)}`}
      aria-label={`History of ${name}`}
      title="History"
      className="inline-flex h-11 w-11 shrink-0 sm:h-8 sm:w-8 items-center justify-center rounded-md text-muted-foreground hover:bg-badge hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
    >
      <History className="h-4 w-4" aria-hidden />
    </Link>
  );
}
