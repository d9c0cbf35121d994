"use client";

import { AlertDialog } from "radix-ui";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { setApiKeyEnabledAction } from "@/lib/actions/set-api-key-enabled";
import type { KeyRow } from "./types";

// Disabling is reversible but breaks every script using the key at once, so it asks
// first (focus on Cancel); enabling needs no confirmation and goes through `useEnableKey`.
export function DisableKeyDialog({
  row,
  open,
  onOpenChange,
}: {
  row: KeyRow;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const [pending, startTransition] = useTransition();
  function confirm() {
    startTransition(async () => {
      const result = await setApiKeyEnabledAction({ keyId: row.keyId, enabled: false });
      if (result.ok) {
        toast.success(`Key “${row.name}” disabled. Requests with it are refused until you enable it.`);
        onOpenChange(false);
      } else {
        toast.error(result.error);
      }
    });
  }
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl focus:outline-none">
          <AlertDialog.Title className="text-lg font-semibold text-slate-900">Disable “{row.name}”?</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">
            Every request with this key (<code className="font-mono text-xs">{row.keyId}</code>) is refused from the
            next one on, on every server, until you enable it again. Nothing else about the key changes.
          </AlertDialog.Description>
          <div className="mt-6 flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertDialog.Cancel>
            <Button
              variant="danger"
              disabled={pending}
              onClick={(event) => {
                event.preventDefault();
                confirm();
              }}
            >
              {pending ? "Disabling…" : "Disable"}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
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
