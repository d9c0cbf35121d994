"use client";

import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { removePasskeyAction } from "@/lib/actions/remove-passkey";
import type { PasskeySummary } from "@/lib/auth/passkeys";
import { formatDate } from "@/lib/format-date";
import { AddPasskeyDialog } from "./add-passkey-dialog";
import { useStepUp } from "./step-up";

// /account's passkeys: each by name (added, last used), removable; several allowed.
export function PasskeysSection({ passkeys, onSetUp }: { passkeys: PasskeySummary[]; onSetUp?: string }) {
  const router = useRouter();
  const withStepUp = useStepUp();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<PasskeySummary | null>(null);

  function closeAdd(added: boolean) {
    setAdding(false);
    if (!added) return;
    toast.success("The passkey was added.");
    if (onSetUp) router.push(onSetUp);
    else router.refresh();
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2 text-sm">
          <KeyRound className="h-4 w-4 text-muted-foreground" aria-hidden />
          <span className="text-foreground">Passkeys:</span>
          <span className="font-medium text-foreground">{passkeys.length}</span>
        </div>
        <Button variant={passkeys.length ? "secondary" : "primary"} onClick={() => setAdding(true)}>
          Add a passkey
        </Button>
      </div>
      {passkeys.length ? (
        <ul aria-label="Passkeys" className="divide-y divide-border rounded-md border border-border text-sm">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <div className="min-w-0">
                <p className="font-medium break-words text-foreground">{passkey.name}</p>
                <p className="text-xs text-muted-foreground">
                  Added {formatDate(new Date(passkey.createdAt).toISOString())}
                  {passkey.lastUsedAt
                    ? `, last used ${formatDate(new Date(passkey.lastUsedAt).toISOString())}`
                    : ", not used yet"}
                </p>
              </div>
              <Button variant="secondary" onClick={() => setRemoving(passkey)} aria-label={`Remove ${passkey.name}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <AddPasskeyDialog open={adding} onClose={closeAdd} />
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => (open ? undefined : setRemoving(null))}
        title={`Remove the passkey ${removing?.name ?? ""}?`}
        description="It no longer signs you in. Your other second factors keep working."
        confirmLabel="Remove"
        pendingLabel="Removing…"
        action={() => withStepUp(() => removePasskeyAction({ id: removing?.id ?? "" }))}
        success="The passkey was removed."
        onDone={() => router.refresh()}
      />
    </div>
  );
}
