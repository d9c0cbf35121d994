"use client";

import { AlertDialog as AlertDialogPrimitive } from "radix-ui";
import { useTransition, type ReactNode } from "react";
import { Button } from "./button";
import { dialogPanel } from "./dialog";
import { useReturnFocus, type ReturnFocus } from "./return-focus";

// A confirmation for destructive actions: focus starts on Cancel, Escape cancels, and
// focus goes back to what opened it (or to `returnFocus()`, e.g. the next row after a delete).
// The confirm button shows `pendingLabel` ("Deleting…") while `onConfirm` runs.
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  pendingLabel = "Deleting…",
  onConfirm,
  returnFocus,
  pending: pendingOutside = false,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  onConfirm: () => void | Promise<void>;
  returnFocus?: ReturnFocus;
  // For a caller that runs the confirmed action in a transition of its own.
  pending?: boolean;
}) {
  const onCloseAutoFocus = useReturnFocus(open, returnFocus);
  const [pendingInside, startTransition] = useTransition();
  const pending = pendingInside || pendingOutside;
  return (
    <AlertDialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialogPrimitive.Portal>
        <AlertDialogPrimitive.Overlay className="fixed inset-0 z-40 bg-slate-950/50 dark:bg-black/70" />
        <AlertDialogPrimitive.Content onCloseAutoFocus={onCloseAutoFocus} className={dialogPanel("max-w-md")}>
          <AlertDialogPrimitive.Title className="text-lg font-semibold [overflow-wrap:anywhere] text-foreground">
            {title}
          </AlertDialogPrimitive.Title>
          <AlertDialogPrimitive.Description className="mt-2 text-sm [overflow-wrap:anywhere] text-muted-foreground">
            {description}
          </AlertDialogPrimitive.Description>
          <div className="mt-6 flex flex-wrap justify-end gap-2">
            <AlertDialogPrimitive.Cancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertDialogPrimitive.Cancel>
            <Button
              variant="danger"
              disabled={pending}
              onClick={(event) => {
                event.preventDefault();
                startTransition(onConfirm);
              }}
            >
              {pending ? pendingLabel : confirmLabel}
            </Button>
          </div>
        </AlertDialogPrimitive.Content>
      </AlertDialogPrimitive.Portal>
    </AlertDialogPrimitive.Root>
  );
}
