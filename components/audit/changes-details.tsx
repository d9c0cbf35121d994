import { ChevronDown, ChevronRight } from "lucide-react";
import type { AuditEventJson } from "@/lib/validations/audit";

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

// The toggle in an event's row: how many fields changed, opening the before → after below.
export function ChangesToggle({
  event,
  open,
  onToggle,
}: {
  event: AuditEventJson;
  open: boolean;
  onToggle: () => void;
}) {
  const count = Object.keys(event.changes ?? {}).length;
  if (count === 0) return <span className="text-muted-foreground">—</span>;
  const Icon = open ? ChevronDown : ChevronRight;
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls={`changes-${event.id}`}
      onClick={onToggle}
      className="inline-flex items-center gap-1 rounded text-sm whitespace-nowrap text-link hover:underline focus-visible:outline-2 focus-visible:outline-ring"
    >
      <Icon className="h-4 w-4" aria-hidden />
      {count} field{count === 1 ? "" : "s"}
    </button>
  );
}

// An event's changed fields, before → after, as a full-width row under the event.
export function ChangesTable({ event }: { event: AuditEventJson }) {
  return (
    <div id={`changes-${event.id}`} className="overflow-x-auto">
      <table className="text-xs">
        <caption className="sr-only">Changes of {event.action}</caption>
        <thead>
          <tr className="text-left text-muted-foreground">
            <th scope="col" className="py-1 pr-6 font-medium">
              Field
            </th>
            <th scope="col" className="py-1 pr-6 font-medium">
              Before
            </th>
            <th scope="col" className="py-1 font-medium">
              After
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(event.changes ?? {})
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([field, { from, to }]) => (
              <tr key={field}>
                <th scope="row" className="py-1 pr-6 text-left font-mono font-normal text-foreground">
                  {field}
                </th>
                <td className="py-1 pr-6 font-mono break-all text-muted-foreground">{show(from)}</td>
                <td className="py-1 font-mono break-all text-foreground">{show(to)}</td>
              </tr>
            ))}
        </tbody>
      </table>
      {event.userAgent ? (
        <p className="mt-2 text-xs text-muted-foreground">
          From {event.clientAddress ?? "an unknown address"} · {event.userAgent} · request {event.requestId}
        </p>
      ) : null}
    </div>
  );
}
