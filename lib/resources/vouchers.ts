import { z } from "zod";
import { randomBase62 } from "@/lib/api-keys/format";
import { getDb } from "@/lib/db";
import type { Voucher } from "@/lib/generated/prisma/client";
import { isoDate } from "@/lib/validations/common";
import { defineResource, pageArgs } from "./resource";

export const MAX_VOUCHER_BATCH = 1000;

const fields = {
  validitySeconds: z.number().int().min(60, "At least 60 seconds.").max(31_536_000, "At most a year."),
  usageLimit: z.number().int().min(1).max(10_000),
  expiresAt: z.iso.datetime({ error: "Use an ISO 8601 date-time, e.g. 2027-01-31T23:59:59Z." }).nullable(),
};

export const voucherSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  validitySeconds: z.number().int(),
  usageLimit: z.number().int(),
  usedCount: z.number().int(),
  expiresAt: isoDate.nullable(),
  createdAt: isoDate,
});

export const voucherBatchSchema = z.strictObject({
  count: z.number().int().min(1).max(MAX_VOUCHER_BATCH, `At most ${MAX_VOUCHER_BATCH} vouchers at once.`),
  prefix: z
    .string()
    .trim()
    .max(16)
    .regex(/^[A-Za-z0-9-]*$/, "Use letters, digits and - only.")
    .default(""),
  validitySeconds: fields.validitySeconds,
  usageLimit: fields.usageLimit.default(1),
  expiresAt: fields.expiresAt.default(null),
});

// Ten base62-like characters without look-alikes (0/O, 1/l/I) are easy to type from paper.
function voucherCode(prefix: string): string {
  const code = randomBase62(40)
    .replace(/[0O1lI]/g, "")
    .slice(0, 10)
    .toUpperCase()
    .padEnd(10, "X");
  return prefix ? `${prefix}-${code}` : code;
}

const toOutput = (voucher: Voucher): z.infer<typeof voucherSchema> => ({
  id: voucher.id,
  code: voucher.code,
  validitySeconds: voucher.validitySeconds,
  usageLimit: voucher.usageLimit,
  usedCount: voucher.usedCount,
  expiresAt: voucher.expiresAt?.toISOString() ?? null,
  createdAt: voucher.createdAt.toISOString(),
});

const toDate = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : new Date(value);

async function findOne(accountId: string, id: string) {
  const row = await getDb().voucher.findFirst({ where: { id, accountId } });
  return row && toOutput(row);
}

export const vouchers = defineResource({
  area: "vouchers",
  name: "vouchers",
  singular: "voucher",
  conflictMessage: "A voucher with this code already exists.",
  schemas: {
    create: z.strictObject({
      prefix: voucherBatchSchema.shape.prefix,
      validitySeconds: fields.validitySeconds,
      usageLimit: fields.usageLimit.default(1),
      expiresAt: fields.expiresAt.default(null),
    }),
    update: z.strictObject(fields).partial(),
    output: voucherSchema,
  },
  async list(accountId, page) {
    const where = { accountId };
    const db = getDb();
    const [rows, total] = await Promise.all([
      db.voucher.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], ...pageArgs(page) }),
      db.voucher.count({ where }),
    ]);
    return { items: rows.map(toOutput), total };
  },
  get: findOne,
  async create(actor, input) {
    const [created] = await createVouchers(actor.accountId, { ...input, count: 1 });
    return created;
  },
  async update(actor, id, input) {
    const { count } = await getDb().voucher.updateMany({
      where: { id, accountId: actor.accountId },
      data: { ...input, expiresAt: toDate(input.expiresAt) },
    });
    return count ? findOne(actor.accountId, id) : null;
  },
  async remove(actor, id) {
    const { count } = await getDb().voucher.deleteMany({ where: { id, accountId: actor.accountId } });
    return count > 0;
  },
});

// All or nothing: one transaction, so a failed batch leaves no vouchers behind.
export async function createVouchers(accountId: string, input: z.infer<typeof voucherBatchSchema>) {
  const codes = new Set<string>();
  while (codes.size < input.count) codes.add(voucherCode(input.prefix));
  const rows = await getDb().$transaction(async (tx) => {
    await tx.voucher.createMany({
      data: [...codes].map((code) => ({
        accountId,
        code,
        validitySeconds: input.validitySeconds,
        usageLimit: input.usageLimit,
        expiresAt: toDate(input.expiresAt),
      })),
    });
    return tx.voucher.findMany({ where: { accountId, code: { in: [...codes] } }, orderBy: { code: "asc" } });
  });
  return rows.map(toOutput);
}
