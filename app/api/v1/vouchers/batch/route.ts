import { readJson } from "@/lib/api/body";
import { json, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { voucherBatchSchema } from "@/lib/validations/wifi";
import { createVouchers } from "@/lib/wifi/vouchers";

// POST /api/v1/vouchers/batch – create up to 1,000 vouchers in one transaction
export const POST = apiRoute("vouchers", async ({ request, actor }) => {
  const input = await readJson(request, voucherBatchSchema);
  const items = await createVouchers(actor, input);
  return json({ items, total: items.length }, 201);
});

// Any other method – 405 with Allow
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
