import { randomBase62 } from "@/lib/api-keys/format";
import type { Voucher } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/actor";
import { defineList } from "@/lib/lists/table";
import { defineTableResource } from "@/lib/records/resource";
import { assertNetworkInScope } from "@/lib/records/scope";
import { recordChange } from "@/lib/records/write";
import { checkNetworkOf } from "./networks";
import {
  createVoucherSchema,
  updateVoucherSchema,
  voucherSchema,
  type VoucherBatchInput,
  type VoucherJson,
} from "@/lib/validations/wifi";

// Ten base62-like characters without look-alikes (0/O, 1/l/I) are easy to type from paper.
function voucherCode(prefix: string): string {
  const code = randomBase62(40)
    .replace(/[0O1lI]/g, "")
    .slice(0, 10)
    .toUpperCase()
    .padEnd(10, "X");
  return prefix ? `${prefix}-${code}` : code;
}

const toOutput = (voucher: Voucher): VoucherJson => ({
  id: voucher.id,
  code: voucher.code,
  validitySeconds: voucher.validitySeconds,
  usageLimit: voucher.usageLimit,
  usedCount: voucher.usedCount,
  expiresAt: voucher.expiresAt?.toISOString() ?? null,
  networkId: voucher.networkId,
  createdAt: voucher.createdAt.toISOString(),
});

const toDate = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : new Date(value);

// Oldest first by default; `q` matches part of the code. Vouchers that never expire come
// last when sorted by expiry.
export const voucherList = defineList({
  table: "vouchers",
  search: ["code"],
  sorts: {
    createdAt: [{ column: "created_at", type: "timestamp(3)" }],
    code: [{ column: "code", type: "text", collated: true }],
    validitySeconds: [{ column: "validity_seconds", type: "integer" }],
    expiresAt: [{ column: "expires_at", type: "timestamp(3)", nulls: "last" }],
  },
});

export const vouchers = defineTableResource({
  area: "vouchers",
  name: "vouchers",
  singular: "voucher",
  search: { matches: "Part of the code", label: "Search by code" },
  unique: "code",
  schemas: {
    create: createVoucherSchema,
    update: updateVoucherSchema,
    output: voucherSchema,
  },
  list: voucherList,
  scoped: "voucher",
  check: checkNetworkOf,
  sorts: ["createdAt", "code", "validitySeconds", "expiresAt"],
  table: (db) => db.voucher,
  toOutput,
  describe: (voucher) => {
    const { code, validitySeconds, usageLimit, expiresAt, networkId } = toOutput(voucher);
    return { name: code, fields: { code, validitySeconds, usageLimit, expiresAt, networkId } };
  },
  createData: (input, accountId) => ({ ...voucherData(accountId, input), code: voucherCode(input.prefix) }),
  updateData: (input) => ({ ...input, expiresAt: toDate(input.expiresAt) }),
});

type VoucherSettings = Pick<VoucherBatchInput, "validitySeconds" | "usageLimit" | "expiresAt" | "networkId">;

function voucherData(accountId: string, input: VoucherSettings) {
  return {
    accountId,
    validitySeconds: input.validitySeconds,
    usageLimit: input.usageLimit,
    expiresAt: toDate(input.expiresAt),
    networkId: input.networkId,
  };
}

// All or nothing: one transaction and one audit event for the whole batch.
export async function createVouchers(actor: Actor, input: VoucherBatchInput) {
  const codes = new Set<string>();
  while (codes.size < input.count) codes.add(voucherCode(input.prefix));
  const rows = await recordChange(actor, vouchers.kind, async (tx) => {
    // The batch's vouchers are within a scoped key's reach only through their network.
    assertNetworkInScope(actor, input.networkId);
    await checkNetworkOf(tx, actor, input);
    await tx.voucher.createMany({ data: [...codes].map((code) => ({ ...voucherData(actor.accountId, input), code })) });
    const result = await tx.voucher.findMany({
      where: { accountId: actor.accountId, code: { in: [...codes] } },
      orderBy: { code: "asc" },
    });
    const { count, prefix, validitySeconds, usageLimit, expiresAt } = input;
    return {
      result,
      event: {
        action: "voucher.batch_create",
        target: { type: "voucher", id: null, name: `${count} voucher${count === 1 ? "" : "s"}` },
        changes: {
          count: { from: null, to: count },
          prefix: { from: null, to: prefix },
          validitySeconds: { from: null, to: validitySeconds },
          usageLimit: { from: null, to: usageLimit },
          expiresAt: { from: null, to: expiresAt },
          networkId: { from: null, to: input.networkId },
        },
      },
    };
  });
  return rows.map(toOutput);
}
