"use client";

import { ConfirmDialog } from "@/components/ui/alert-dialog";
import type { RowDialogProps } from "@/components/ui/use-row-dialogs";
import { deleteApiKeyAction } from "@/lib/actions/delete-api-key";
import type { KeyRow } from "./types";

export function DeleteKeyDialog({
  row,
  prepareRemoval,
  onDeleted,
  ...dialog
}: RowDialogProps & {
  row: KeyRow;
  // In a table: where focus goes once the row has gone (useRowDialogs).
  prepareRemoval?: (keyId: string) => () => void;
  onDeleted: () => void;
}) {
  return (
    <ConfirmDialog
      {...dialog}
      title={`Delete “${row.name}”?`}
      description={
        <>
          Every request with this key (<code className="font-mono text-xs">{row.keyId}</code>) will be refused at once.
          This can’t be undone.
        </>
      }
      confirmLabel="Delete"
      action={() => deleteApiKeyAction({ keyId: row.keyId })}
      success={`Key “${row.name}” deleted. Requests with it are refused from now on.`}
      prepareRemoval={prepareRemoval && (() => prepareRemoval(row.keyId))}
      onDone={onDeleted}
    />
  );
}
