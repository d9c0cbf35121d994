import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { atPublicOrigin } from "@/lib/public-url";

// GET, POST /api/auth/* – next-auth's endpoints, building their URLs on the public origin
export const GET = (request: NextRequest) => handlers.GET(atPublicOrigin(request));
export const POST = (request: NextRequest) => handlers.POST(atPublicOrigin(request));
