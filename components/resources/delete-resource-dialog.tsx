"use client";

import { ConfirmDialog } from "@/components/ui/alert-dialog";
import type { RowDialogProps } from "@/components/ui/use-row-dialogs";
import { capitalise } from "./resource-form-dialog";
import type { FormSpec, ResourceRecord } from "./resource-forms";

export function DeleteResourceDialog({
  spec,
  record,
  prepareRemoval,
  onDeleted,
  ...dialog
}: RowDialogProps & {
  spec: FormSpec;
  record: ResourceRecord;
  // In a table: where focus goes once the row has gone (useRowDialogs).
  prepareRemoval?: (rowId: string) => () => void;
  onDeleted: () => void;
}) {
  const name = spec.nameOf(record);
  return (
    <ConfirmDialog
      {...dialog}
      title={`Delete “${name}”?`}
      description={`The ${spec.singular} is removed from this account at once. This can’t be undone.`}
      confirmLabel="Delete"
      action={() => spec.remove({ id: record.id })}
      success={`${capitalise(spec.singular)} “${name}” deleted.`}
      prepareRemoval={prepareRemoval && (() => prepareRemoval(record.id))}
      onDone={onDeleted}
    />
  );
}
