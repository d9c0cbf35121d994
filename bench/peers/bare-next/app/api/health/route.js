// GET /api/health – the trivial route the portal's own /api/health is compared with
export function GET() {
  return Response.json({ ok: true });
}
