"use client";

import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import type { ReturnFocus } from "@/components/ui/return-focus";
import { capitalise } from "./resource-form-dialog";
import type { FormSpec, ResourceRecord } from "./resource-forms";

export function DeleteResourceDialog({
  spec,
  record,
  open,
  onOpenChange,
  prepareRemoval,
  onDeleted,
  returnFocus,
}: {
  spec: FormSpec;
  record: ResourceRecord;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  // In a table: where focus goes once the row has gone (useRowDialogs).
  prepareRemoval?: (rowId: string) => () => void;
  onDeleted: () => void;
  returnFocus?: ReturnFocus;
}) {
  const name = spec.nameOf(record);
  async function confirm() {
    const removed = prepareRemoval?.(record.id) ?? (() => {});
    const result = await spec.remove({ id: record.id });
    if (result.ok) {
      toast.success(`${capitalise(spec.singular)} “${name}” deleted.`);
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
      title={`Delete “${name}”?`}
      description={`The ${spec.singular} is removed from this account at once. This can’t be undone.`}
      confirmLabel="Delete"
      onConfirm={confirm}
      returnFocus={returnFocus}
    />
  );
}
