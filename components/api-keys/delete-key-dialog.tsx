"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { deleteApiKeyAction } from "@/lib/actions/delete-api-key";
import type { KeyRow } from "./types";

export function DeleteKeyDialog({
  row,
  open,
  onOpenChange,
  onDeleted,
}: {
  row: KeyRow;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDeleted?: () => void;
}) {
  const [pending, startTransition] = useTransition();
  function confirm() {
    startTransition(async () => {
      const result = await deleteApiKeyAction({ keyId: row.keyId });
      if (result.ok) {
        toast.success(`Key “${row.name}” deleted. Requests with it are refused from now on.`);
        onOpenChange(false);
        onDeleted?.();
      } else {
        toast.error(result.error);
      }
    });
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
      pending={pending}
      onConfirm={confirm}
    />
  );
}
