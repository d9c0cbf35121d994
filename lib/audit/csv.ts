import type { AuditEventJson } from "@/lib/validations/audit";

const COLUMNS = [
  "time",
  "actor_type",
  "actor_id",
  "actor",
  "action",
  "target_type",
  "target_id",
  "target",
  "changes",
  "client_address",
  "user_agent",
  "request_id",
] as const;

// RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.
function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEADER = COLUMNS.join(",") + "\r\n";

export function csvRow(event: AuditEventJson): string {
  return (
    [
      event.createdAt,
      event.actor.type,
      event.actor.id,
      event.actor.name,
      event.action,
      event.target.type,
      event.target.id,
      event.target.name,
      event.changes,
      event.clientAddress,
      event.userAgent,
      event.requestId,
    ]
      .map(cell)
      .join(",") + "\r\n"
  );
}

// A stream of CSV text from batches of events.
export function csvStream(batches: AsyncGenerator<AuditEventJson[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(CSV_HEADER));
        return;
      }
      const { value, done } = await batches.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value.map(csvRow).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
