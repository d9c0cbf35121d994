"use client";

import { useMemo } from "react";
import { Badge } from "@/components/ui/badge";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { useListState } from "@/components/ui/use-list-state";
import { cn } from "@/lib/cn";
import { formatDate } from "@/lib/format-date";
import { MAIL_KIND_LABELS, type AccountMailJson, type MailStatus } from "@/lib/validations/notices";

const STATUS: Record<MailStatus, { label: string; className: string }> = {
  delivered: { label: "Delivered", className: "bg-success-soft text-success-foreground" },
  queued: { label: "Queued", className: "" },
  retrying: { label: "Retrying", className: "bg-warning-soft text-warning-foreground" },
  failed: { label: "Failed", className: "bg-destructive-soft text-destructive-foreground" },
};

const time = (iso: string) => formatDate(iso, true);
// Short enough for the status column on a phone: "6 Dec, 14:05 UTC".
const shortTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});
const short = (iso: string) => `${shortTime.format(new Date(iso))} UTC`;

type Props = {
  mails: AccountMailJson[];
  page: number;
  pageSize: number;
  total: number;
  totalCapped: boolean;
  // Without SMTP_URL a "delivered" mail was saved as a file on the server, not sent.
  mailIsSetUp: boolean;
};

// The account's recent mail, newest first: what and to whom, how delivery went, and when.
// On a phone the first two columns fit the screen (the table scrolls for the time). A
// retrying or failed mail shows its last error under its row.
export function MailLogView({ mails, page, pageSize, total, totalCapped, mailIsSetUp }: Props) {
  const list = useListState({ page, pageSize, q: "", sort: "createdAt", dir: "desc" });
  const columns = useMemo<DataColumn<AccountMailJson>[]>(
    () => [
      {
        id: "mail",
        header: "Mail",
        cell: ({ row }) => {
          const kind = MAIL_KIND_LABELS[row.original.kind] ?? row.original.kind;
          return (
            <span
              className="block max-w-full truncate"
              title={`${row.original.subject} (to ${row.original.recipient})`}
            >
              <span className="font-medium text-foreground">{row.original.subject}</span>
              <span className="block truncate text-xs text-muted-foreground">
                {kind} to {row.original.recipient}
              </span>
            </span>
          );
        },
      },
      {
        id: "status",
        meta: { width: "w-44" },
        header: "Status",
        cell: ({ row }) => {
          const mail = row.original;
          const status =
            mail.status === "delivered" && !mailIsSetUp
              ? { ...STATUS.delivered, label: "Saved to file" }
              : STATUS[mail.status];
          const detail =
            mail.status === "delivered" && mail.sentAt
              ? `${mailIsSetUp ? "Sent" : "Saved"} ${short(mail.sentAt)}`
              : mail.status === "retrying" && mail.nextAttemptAt
                ? `Next try ${short(mail.nextAttemptAt)}`
                : mail.status === "failed"
                  ? `After ${mail.attempts} tries`
                  : "Waiting to be sent";
          return (
            <span className="block truncate" title={detail}>
              <Badge className={cn(status.className)}>{status.label}</Badge>
              <span className="block truncate text-xs text-muted-foreground">{detail}</span>
            </span>
          );
        },
      },
      {
        id: "when",
        meta: { width: "w-44" },
        header: "Queued (UTC)",
        cell: ({ row }) => (
          <time dateTime={row.original.createdAt} className="whitespace-nowrap">
            {time(row.original.createdAt).replace(/ UTC$/, "")}
          </time>
        ),
      },
    ],
    [mailIsSetUp],
  );
  if (total === 0) {
    return (
      <p className="rounded-lg border border-dashed border-input bg-card p-10 text-center text-sm text-muted-foreground">
        No mail yet. Invitations and notices to this account&apos;s members will be listed here.
      </p>
    );
  }
  return (
    <div className={list.pending ? "opacity-60" : undefined}>
      <DataTable
        label="Mail of this account"
        minWidth="min-w-[34rem]"
        columns={columns}
        rows={mails}
        rowId={(mail) => mail.id}
        expanded={(mail) =>
          mail.error ? (
            <p className="text-xs text-muted-foreground">
              <span className="font-medium text-foreground">Last error:</span> {mail.error}
            </p>
          ) : null
        }
      />
      <Pagination list={list} total={total} totalCapped={totalCapped} />
    </div>
  );
}
