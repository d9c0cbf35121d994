import { json, otherMethods } from "@/lib/api/responses";
import { KEY_FORMAT } from "@/lib/api-keys/format";
import { publicOrigin } from "@/lib/http/public-origin";

// GET /.well-known/api-key-format – the key format for secret scanners, and where to report a find
export function GET(request: Request) {
  return json({ ...KEY_FORMAT, reportTo: `${publicOrigin(request.headers)}/api/v1/leaked-keys` });
}

// Any other method – 405 with Allow
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
