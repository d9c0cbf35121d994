import type { Metadata } from "next";
import { ResourcePage } from "@/components/resources/resource-page";
import { formatDate, formatDuration } from "@/lib/format-date";
import { vouchers } from "@/lib/wifi/vouchers";

export const metadata: Metadata = { title: "Vouchers" };
type Voucher = Awaited<ReturnType<typeof vouchers.list>>["items"][number];

export default function VouchersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  return (
    <ResourcePage<Voucher>
      resource={vouchers}
      title="Vouchers"
      description="Guest access codes, with their validity and usage limits."
      empty="No vouchers yet. Create up to 1,000 at once here or with POST /api/v1/vouchers/batch."
      columns={[
        { key: "code", label: "Code", mono: true, sort: "code" },
        { key: "validity", label: "Validity", width: "w-36", sort: "validitySeconds" },
        { key: "usage", label: "Used", width: "w-28" },
        { key: "expiresAt", label: "Expires", width: "w-32", sort: "expiresAt" },
      ]}
      toRow={(voucher) => ({
        id: voucher.id,
        code: voucher.code,
        validity: formatDuration(voucher.validitySeconds),
        usage: `${voucher.usedCount} of ${voucher.usageLimit}`,
        expiresAt: voucher.expiresAt ? formatDate(voucher.expiresAt) : "Never",
      })}
      searchParams={searchParams}
    />
  );
}
