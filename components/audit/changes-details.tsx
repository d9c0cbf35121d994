import type { AuditEventJson } from "@/lib/audit/query";

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

// An event's changed fields, folded into one line until opened: before → after.
export function ChangesDetails({ changes }: { changes: AuditEventJson["changes"] }) {
  const entries = Object.entries(changes ?? {});
  if (entries.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <details className="group max-w-md">
      <summary className="cursor-pointer text-sm whitespace-nowrap text-indigo-700 select-none hover:underline">
        {entries.length} field{entries.length === 1 ? "" : "s"}
      </summary>
      <dl className="mt-2 space-y-1 text-xs">
        {entries.map(([field, { from, to }]) => (
          <div key={field} className="grid grid-cols-[minmax(6rem,auto)_1fr] gap-2">
            <dt className="font-mono text-slate-600">{field}</dt>
            <dd className="break-all text-slate-800">
              <span className="text-slate-500 line-through decoration-slate-400">{show(from)}</span>
              <span aria-hidden> → </span>
              <span className="sr-only"> changed to </span>
              <span>{show(to)}</span>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
