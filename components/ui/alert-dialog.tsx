"use client";

import { AlertDialog as AlertDialogPrimitive } from "radix-ui";
import { use, useTransition, type ReactNode } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/result";
import { Button } from "./button";
import { reachServer, UNREACHABLE } from "./reach-server";
import { dialogPanel, withReturnFocus } from "./dialog";
import { CloseAutoFocusContext, type ReturnFocus } from "./return-focus";

// Radix AlertDialog for destructive actions: focus starts on Cancel, Escape cancels, and
// focus goes back to what opened it (or to `returnFocus()`, e.g. the next row after a delete).
// The parts compose as shadcn's do; ConfirmDialog below is the usual whole.
export const AlertDialog = withReturnFocus(AlertDialogPrimitive.Root);

export function AlertDialogContent({
  title,
  description,
  children,
}: {
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  const onCloseAutoFocus = use(CloseAutoFocusContext);
  return (
    <AlertDialogPrimitive.Portal>
      <AlertDialogPrimitive.Overlay className="fixed inset-0 z-40 bg-slate-950/50 dark:bg-black/70" />
      <AlertDialogPrimitive.Content onCloseAutoFocus={onCloseAutoFocus} className={dialogPanel("max-w-md")}>
        <AlertDialogPrimitive.Title className="text-lg font-semibold [overflow-wrap:anywhere] text-foreground">
          {title}
        </AlertDialogPrimitive.Title>
        <AlertDialogPrimitive.Description className="mt-2 text-sm [overflow-wrap:anywhere] text-muted-foreground">
          {description}
        </AlertDialogPrimitive.Description>
        {children}
      </AlertDialogPrimitive.Content>
    </AlertDialogPrimitive.Portal>
  );
}

export function AlertDialogFooter({ children }: { children: ReactNode }) {
  return <div className="mt-6 flex flex-wrap justify-end gap-2">{children}</div>;
}

export function AlertDialogCancel({ children = "Cancel" }: { children?: ReactNode }) {
  return (
    <AlertDialogPrimitive.Cancel asChild>
      <Button variant="secondary">{children}</Button>
    </AlertDialogPrimitive.Cancel>
  );
}

// What the confirm button does: either `onConfirm`, where the caller handles the outcome
// itself, or a server `action` with the usual outcome: on success `success` is shown,
// `prepareRemoval`'s hand-over moves focus past a removed row, the dialog closes and
// `onDone` runs; an error is shown and the dialog stays open for another try, or closes
// with `closeOnError` where the refusal is final (a role still in use).
type Confirm =
  | {
      onConfirm: () => void | Promise<void>;
      // For a caller that runs the confirmed action in a transition of its own.
      pending?: boolean;
    }
  | {
      action: () => Promise<ActionResult>;
      success: string;
      prepareRemoval?: () => () => void;
      onDone?: () => void;
      closeOnError?: boolean;
    };

// A confirmation: title, description, Cancel and a danger button that shows
// `pendingLabel` ("Deleting…") while it runs.
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  pendingLabel = "Deleting…",
  returnFocus,
  ...confirm
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  returnFocus?: ReturnFocus;
} & Confirm) {
  const [pendingInside, startTransition] = useTransition();
  const pending = pendingInside || ("pending" in confirm && Boolean(confirm.pending));

  async function run() {
    if ("onConfirm" in confirm) return confirm.onConfirm();
    const removed = confirm.prepareRemoval?.();
    const result = await reachServer(confirm.action);
    if (result.ok) {
      toast.success(confirm.success);
      removed?.();
      onOpenChange(false);
      confirm.onDone?.();
    } else {
      toast.error(result.error);
      // Unanswered, the dialog stays for a retry even where a refusal would be final.
      if (confirm.closeOnError && result.error !== UNREACHABLE) onOpenChange(false);
    }
  }

  return (
    <AlertDialog open={open} onOpenChange={onOpenChange} returnFocus={returnFocus}>
      <AlertDialogContent title={title} description={description}>
        <AlertDialogFooter>
          <AlertDialogCancel />
          <Button
            variant="danger"
            disabled={pending}
            onClick={(event) => {
              event.preventDefault();
              startTransition(run);
            }}
          >
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
