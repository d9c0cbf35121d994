import Link from "next/link";
import { RowIcon } from "@/components/ui/row-icons";

// A table row's link to the audit events of its record.
export function HistoryLink({ name, targetType, targetId }: { name: string; targetType: string; targetId: string }) {
  return (
    <Link
      href={`/audit-log?targetType=${targetType}&targetId=${encodeURIComponent(targetId)}`}
      aria-label={`History of ${name}`}
      title="History"
      className="icon-action hover:bg-badge hover:text-foreground"
    >
      <RowIcon name="history" className="h-4 w-4" />
    </Link>
  );
}
