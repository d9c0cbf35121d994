"use client";

import { History, Plus } from "lucide-react";
import Link from "next/link";
import { useMemo, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type DataColumn, type DataTableHandle } from "@/components/ui/data-table";
import { actionColumn, RowActions } from "@/components/ui/row-actions";
import { Switch } from "@/components/ui/switch";
import { useRowDialogs } from "@/components/ui/use-row-dialogs";
import { deleteWebhookAction } from "@/lib/actions/delete-webhook";
import { setWebhookEnabledAction } from "@/lib/actions/set-webhook-enabled";
import { SigningSecretDialog, type ShownSigningSecret } from "./signing-secret-dialog";
import type { WebhookRow } from "./types";
import { WebhookFormDialog } from "./webhook-form-dialog";

type TableRow = WebhookRow & { lockedReason?: string };

// The account's endpoints: URL, events, on or off, and the way to each one's delivery log.
export function WebhooksView({ webhooks, canWrite }: { webhooks: WebhookRow[]; canWrite: boolean }) {
  const table = useRef<DataTableHandle>(null);
  const dialogs = useRowDialogs<TableRow, "edit" | "delete">(table);
  const { open } = dialogs;
  const [adding, setAdding] = useState(false);
  const [addRound, setAddRound] = useState(0);
  const [secret, setSecret] = useState<ShownSigningSecret | null>(null);
  const lockedReason = canWrite ? undefined : "Your role has Read Access to Webhooks, so you can't change endpoints.";
  const rows = useMemo(() => webhooks.map((webhook) => ({ ...webhook, lockedReason })), [webhooks, lockedReason]);
  const columns = useMemo<DataColumn<TableRow>[]>(
    () => [
      {
        id: "url",
        header: "URL",
        cell: ({ row }) => (
          <span className="flex min-w-0 flex-col">
            <Link
              href={`/webhooks/${row.original.id}`}
              className="truncate font-medium text-foreground underline-offset-2 hover:underline"
              title={row.original.url}
            >
              {row.original.url}
            </Link>
            {row.original.description ? (
              <span className="truncate text-xs text-muted-foreground">{row.original.description}</span>
            ) : null}
          </span>
        ),
      },
      {
        id: "events",
        header: "Events",
        meta: { width: "w-24" },
        cell: ({ row }) => <span title={row.original.events.join(", ")}>{row.original.events.length}</span>,
      },
      {
        id: "enabled",
        header: "Enabled",
        meta: { width: "w-36" },
        cell: ({ row }) => <EnabledSwitch webhook={row.original} />,
      },
      actionColumn(3, ({ lockedReason: locked, ...webhook }) => (
        <RowActions
          name={webhook.url}
          lockedReason={locked}
          history={
            <Link
              href={`/webhooks/${webhook.id}`}
              aria-label={`Deliveries of ${webhook.url}`}
              title="Deliveries"
              className="icon-action hover:bg-muted hover:text-foreground"
            >
              <History className="h-4 w-4" aria-hidden />
            </Link>
          }
          onEdit={(opener) => open("edit", webhook, opener)}
          onDelete={(opener) => open("delete", webhook, opener)}
        />
      )),
    ],
    [open],
  );

  const webhook = dialogs.row;
  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <Button
          disabled={!canWrite}
          onClick={() => {
            setAddRound((n) => n + 1);
            setAdding(true);
          }}
        >
          <Plus className="h-4 w-4" aria-hidden /> Add Endpoint
        </Button>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-border p-6 text-center text-sm text-muted-foreground">
          No endpoints yet. Add one to receive signed events when keys, members and roles change.
        </p>
      ) : (
        <DataTable
          ref={table}
          label="Webhook endpoints"
          columns={columns}
          rows={rows}
          rowId={(row) => row.id}
          minWidth="min-w-[32rem]"
        />
      )}
      <WebhookFormDialog key={`add-${addRound}`} open={adding} onOpenChange={setAdding} onSecret={setSecret} />
      {webhook ? (
        <>
          <WebhookFormDialog key={`edit-${dialogs.round}`} webhook={webhook} {...dialogs.dialog("edit")} />
          <ConfirmDialog
            key={`delete-${dialogs.round}`}
            {...dialogs.dialog("delete")}
            title="Delete this endpoint?"
            description={`Nothing more is sent to ${webhook.url}, and its delivery log is deleted with it.`}
            confirmLabel="Delete"
            action={() => deleteWebhookAction({ id: webhook.id })}
            success="Endpoint deleted."
            prepareRemoval={() => dialogs.prepareRemoval(webhook.id)}
            closeOnError
          />
        </>
      ) : null}
      <SigningSecretDialog shown={secret} onClose={() => setSecret(null)} />
    </div>
  );
}

function EnabledSwitch({ webhook }: { webhook: TableRow }) {
  const [pending, startTransition] = useTransition();
  const label = `${webhook.enabled ? "Disable" : "Enable"} ${webhook.url}`;
  return (
    <span className="flex items-center gap-2">
      <Switch
        checked={webhook.enabled}
        disabled={pending || Boolean(webhook.lockedReason)}
        aria-label={label}
        title={webhook.lockedReason}
        onCheckedChange={(enabled) =>
          startTransition(async () => {
            const result = await setWebhookEnabledAction({ id: webhook.id, enabled });
            if (result.ok) toast.success(enabled ? "Endpoint enabled." : "Endpoint disabled.");
            else toast.error(result.error);
          })
        }
      />
      {webhook.disabledReason === "failing" ? <Badge title="Failed for 5 days">Failing</Badge> : null}
    </span>
  );
}
