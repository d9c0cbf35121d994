import { csvCell as cell, csvStreamOf } from "@/lib/csv";
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
  return csvStreamOf(CSV_HEADER, csvRow, batches);
}
