// The codes of one batch of vouchers as a CSV file (RFC 4180, CRLF line ends), one row a
// voucher. Pure, so the browser builds the file from the batch it was just given.
export type VoucherCsvRow = {
  code: string;
  validitySeconds: number;
  usageLimit: number;
  expiresAt: string | null;
};

export const VOUCHER_CSV_HEADER = ["code", "validity_minutes", "usage_limit", "expires_at"] as const;

export function vouchersCsv(rows: VoucherCsvRow[]): string {
  const lines = [
    VOUCHER_CSV_HEADER.join(","),
    ...rows.map((row) =>
      [row.code, String(row.validitySeconds / 60), String(row.usageLimit), row.expiresAt ?? ""].map(cell).join(","),
    ),
  ];
  return lines.join("\r\n") + "\r\n";
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
