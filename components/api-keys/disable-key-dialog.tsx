"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import type { ReturnFocus } from "@/components/ui/return-focus";
import { setApiKeyEnabledAction } from "@/lib/actions/set-api-key-enabled";
import type { KeyRow } from "./types";

// Disabling is reversible but breaks every script using the key at once, so it asks
// first (focus on Cancel); enabling needs no confirmation and goes through `useEnableKey`.
export function DisableKeyDialog({
  row,
  open,
  onOpenChange,
  returnFocus,
}: {
  row: KeyRow;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocus?: ReturnFocus;
}) {
  async function confirm() {
    const result = await setApiKeyEnabledAction({ keyId: row.keyId, enabled: false });
    if (result.ok) {
      toast.success(`Key “${row.name}” disabled. Requests with it are refused until you enable it.`);
      onOpenChange(false);
    } else {
      toast.error(result.error);
    }
  }
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Disable “${row.name}”?`}
      description={
        <>
          Every request with this key (<code className="font-mono text-xs">{row.keyId}</code>) is refused from the next
          one on, on every server, until you enable it again. Nothing else about the key changes.
        </>
      }
      confirmLabel="Disable"
      pendingLabel="Disabling…"
      onConfirm={confirm}
      returnFocus={returnFocus}
    />
  );
}

export function useEnableKey(row: KeyRow) {
  const [pending, startTransition] = useTransition();
  function enable() {
    startTransition(async () => {
      const result = await setApiKeyEnabledAction({ keyId: row.keyId, enabled: true });
      if (result.ok) toast.success(`Key “${row.name}” enabled.`);
      else toast.error(result.error);
    });
  }
  return { enable, pending };
}
