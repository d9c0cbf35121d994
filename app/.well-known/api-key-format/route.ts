import { json } from "@/lib/api/responses";
import { KEY_FORMAT } from "@/lib/api-keys/format";
import { requestOrigin } from "@/lib/http/request-origin";

// GET /.well-known/api-key-format – the key format for secret scanners, and where to report a find
export function GET(request: Request) {
  return json({ ...KEY_FORMAT, reportTo: `${requestOrigin(request.headers)}/api/v1/leaked-keys` });
}
