// GET /api/health – the trivial route of this app, no authentication
export function GET() {
  return Response.json({ ok: true });
}
