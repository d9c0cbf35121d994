import { auth } from "../../../lib/auth.js";

// GET /api/whoami – verifies `Authorization: Bearer <key>` with the API-key plugin
export async function GET(request) {
  const header = request.headers.get("authorization") ?? "";
  const key = header.startsWith("Bearer ") ? header.slice(7) : "";
  if (!key) return Response.json({ error: "unauthorized" }, { status: 401 });
  const result = await auth.api.verifyApiKey({ body: { key } });
  if (!result.valid || !result.key) return Response.json({ error: "unauthorized" }, { status: 401 });
  return Response.json({ keyId: result.key.id, name: result.key.name, userId: result.key.referenceId });
}
