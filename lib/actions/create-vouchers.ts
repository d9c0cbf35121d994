"use server";

import { revalidatePath } from "next/cache";
import { voucherBatchSchema } from "@/lib/validations/wifi";
import { createVouchers } from "@/lib/wifi/vouchers";
import { memberAction } from "./safe-action";

// One voucher or a batch of up to 1,000, through the same function as
// POST /api/v1/vouchers/batch. The batch has no id of its own, so its codes come back
// here, for the dialog to offer them as a CSV file.
export const createVouchersAction = memberAction(
  { area: "vouchers", level: "FULL" },
  voucherBatchSchema,
  async (input, { actor }) => {
    const items = await createVouchers(actor, input);
    revalidatePath("/vouchers");
    return {
      vouchers: items.map(({ code, validitySeconds, usageLimit, expiresAt }) => ({
        code,
        validitySeconds,
        usageLimit,
        expiresAt,
      })),
    };
  },
);
