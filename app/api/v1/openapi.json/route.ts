import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";

// GET /api/v1/openapi.json – the API reference (public: it describes, it holds no data)
export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { "Cache-Control": "no-store" } });
}
