import { json, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { usageOfAccount } from "@/lib/usage/read";

// GET /api/v1/usage – every key of the account together: requests over time, top routes, error rate
export const GET = apiRoute("api_keys", async ({ request, actor }) =>
  json(await usageOfAccount(actor.accountId, Object.fromEntries(request.nextUrl.searchParams))),
);

// Any other method – 405 with Allow
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
