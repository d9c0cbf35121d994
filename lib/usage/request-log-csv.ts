import { csvLine } from "@/lib/csv";
import type { ApiKeyRequestJson } from "@/lib/validations/request-log";

export const REQUEST_LOG_CSV_HEADER = "time,operation,status,client_address,user_agent,latency_ms,request_id\r\n";

export const requestLogCsvRow = (row: ApiKeyRequestJson) =>
  csvLine([row.createdAt, row.operation, row.status, row.clientAddress, row.userAgent, row.latencyMs, row.requestId]);
