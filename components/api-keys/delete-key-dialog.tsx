"use client";

import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import type { ReturnFocus } from "@/components/ui/return-focus";
import { deleteApiKeyAction } from "@/lib/actions/delete-api-key";
import type { KeyRow } from "./types";

export function DeleteKeyDialog({
  row,
  open,
  onOpenChange,
  prepareRemoval,
  onDeleted,
  returnFocus,
}: {
  row: KeyRow;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  // In a table: where focus goes once the row has gone (useRowDialogs).
  prepareRemoval?: (keyId: string) => () => void;
  onDeleted: () => void;
  returnFocus?: ReturnFocus;
}) {
  async function confirm() {
    const removed = prepareRemoval?.(row.keyId) ?? (() => {});
    const result = await deleteApiKeyAction({ keyId: row.keyId });
    if (result.ok) {
      toast.success(`Key “${row.name}” deleted. Requests with it are refused from now on.`);
      removed();
      onOpenChange(false);
      onDeleted();
    } else {
      toast.error(result.error);
    }
  }
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Delete “${row.name}”?`}
      description={
        <>
          Every request with this key (<code className="font-mono text-xs">{row.keyId}</code>) will be refused at once.
          This can’t be undone.
        </>
      }
      confirmLabel="Delete"
      onConfirm={confirm}
      returnFocus={returnFocus}
    />
  );
}
