"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import type { RowDialogProps } from "@/components/ui/use-row-dialogs";
import { setApiKeyEnabledAction } from "@/lib/actions/set-api-key-enabled";
import { reachServer } from "@/components/ui/reach-server";
import type { KeyRow } from "./types";

// Disabling is reversible but breaks every script using the key at once, so it asks
// first (focus on Cancel); enabling needs no confirmation and goes through `useEnableKey`.
export function DisableKeyDialog({ row, ...dialog }: RowDialogProps & { row: KeyRow }) {
  return (
    <ConfirmDialog
      {...dialog}
      title={`Disable “${row.name}”?`}
      description={
        <>
          Every request with this key (<code className="font-mono text-xs">{row.keyId}</code>) is refused from the next
          one on, on every server, until you enable it again. Nothing else about the key changes.
        </>
      }
      confirmLabel="Disable"
      pendingLabel="Disabling…"
      action={() => setApiKeyEnabledAction({ keyId: row.keyId, enabled: false })}
      success={`Key “${row.name}” disabled. Requests with it are refused until you enable it.`}
    />
  );
}

export function useEnableKey(row: KeyRow) {
  const [pending, startTransition] = useTransition();
  function enable() {
    if (pending) return;
    startTransition(async () => {
      const result = await reachServer(() => setApiKeyEnabledAction({ keyId: row.keyId, enabled: true }));
      if (result.ok) toast.success(`Key “${row.name}” enabled.`);
      else toast.error(result.error);
    });
  }
  return { enable, pending };
}
