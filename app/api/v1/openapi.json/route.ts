import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";
import { otherMethods } from "@/lib/api/responses";

// GET /api/v1/openapi.json – the API reference (public: it describes, it holds no data)
export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { "Cache-Control": "no-store" } });
}

// Any other method – 405 with Allow
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
