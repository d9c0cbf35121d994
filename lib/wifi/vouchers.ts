import { randomBase62 } from "@/lib/api-keys/format";
import { getDb } from "@/lib/db";
import type { Voucher } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/actor";
import { defineKind } from "@/lib/records/kind";
import { readList } from "@/lib/lists/read";
import { defineList } from "@/lib/lists/table";
import { defineResource } from "@/lib/records/resource";
import { createRecord, deleteRecord, readRecord, recordChange, updateRecord } from "@/lib/records/write";
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
  createdAt: voucher.createdAt.toISOString(),
});

const toDate = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : new Date(value);

export const voucherKind = defineKind<Voucher>({
  type: "voucher",
  notFound: "No voucher with this id.",
  conflict: "A voucher with this code already exists.",
  load: (tx, accountId, id) => tx.voucher.findFirst({ where: { id, accountId } }),
  describe: (voucher) => {
    const { id, code, validitySeconds, usageLimit, expiresAt } = toOutput(voucher);
    return { id, name: code, fields: { code, validitySeconds, usageLimit, expiresAt } };
  },
});

// Oldest first; `q` matches part of the code.
export const voucherList = defineList({
  table: "vouchers",
  search: ["code"],
  sorts: { createdAt: [{ column: "created_at", type: "timestamp(3)" }] },
});

export const vouchers = defineResource({
  area: "vouchers",
  name: "vouchers",
  singular: "voucher",
  search: { matches: "Part of the code", label: "Search by code" },
  schemas: {
    create: createVoucherSchema,
    update: updateVoucherSchema,
    output: voucherSchema,
  },
  list: (accountId, query) =>
    readList(
      voucherList,
      accountId,
      { ...query, sort: "createdAt", dir: "asc" },
      (ids) => getDb().voucher.findMany({ where: { accountId, id: { in: ids } } }),
      toOutput,
    ),
  get: async (accountId, id) => toOutput(await readRecord(accountId, voucherKind, id)),
  create: async (actor, input) =>
    toOutput(
      await createRecord(actor, voucherKind, (tx) =>
        tx.voucher.create({ data: { ...voucherData(actor.accountId, input), code: voucherCode(input.prefix) } }),
      ),
    ),
  update: async (actor, id, input) =>
    toOutput(
      await updateRecord(actor, voucherKind, id, async (tx) => {
        await tx.voucher.update({
          where: { id, accountId: actor.accountId },
          data: { ...input, expiresAt: toDate(input.expiresAt) },
        });
      }),
    ),
  remove: async (actor, id) => {
    await deleteRecord(actor, voucherKind, id, async (tx) => {
      await tx.voucher.delete({ where: { id, accountId: actor.accountId } });
    });
  },
});

type VoucherSettings = Pick<VoucherBatchInput, "validitySeconds" | "usageLimit" | "expiresAt">;

function voucherData(accountId: string, input: VoucherSettings) {
  return {
    accountId,
    validitySeconds: input.validitySeconds,
    usageLimit: input.usageLimit,
    expiresAt: toDate(input.expiresAt),
  };
}

// All or nothing: one transaction and one audit event for the whole batch.
export async function createVouchers(actor: Actor, input: VoucherBatchInput) {
  const codes = new Set<string>();
  while (codes.size < input.count) codes.add(voucherCode(input.prefix));
  const rows = await recordChange(actor, voucherKind, async (tx) => {
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
        },
      },
    };
  });
  return rows.map(toOutput);
}
