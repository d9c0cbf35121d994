"use client";

import { Dialog as DialogPrimitive } from "radix-ui";
import { X } from "lucide-react";
import { use, type ComponentType, type ReactNode } from "react";
import { CloseAutoFocusContext, useReturnFocus, type ReturnFocus } from "./return-focus";

// Radix Dialog: focus is trapped, Escape closes, and focus returns to the element that
// opened the dialog (or to `returnFocus()`). It fits small screens and scrolls inside,
// with its footer kept in view.
export const Dialog = withReturnFocus(DialogPrimitive.Root);

type RootProps = { open: boolean; onOpenChange: (open: boolean) => void; children: ReactNode };

// A Radix root (Dialog's or AlertDialog's) whose content hands focus back on close
// (return-focus.ts); the content reads the handler from CloseAutoFocusContext.
export function withReturnFocus(Root: ComponentType<RootProps>) {
  return function DialogRoot({ open, onOpenChange, returnFocus, children }: RootProps & { returnFocus?: ReturnFocus }) {
    const onCloseAutoFocus = useReturnFocus(open, returnFocus);
    return (
      <Root open={open} onOpenChange={onOpenChange}>
        <CloseAutoFocusContext value={onCloseAutoFocus}>{children}</CloseAutoFocusContext>
      </Root>
    );
  };
}

export function DialogContent({
  title,
  description,
  children,
  onInteractOutside,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  onInteractOutside?: (event: Event) => void;
}) {
  const onCloseAutoFocus = use(CloseAutoFocusContext);
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-slate-950/50 dark:bg-black/70" />
      <DialogPrimitive.Content
        onInteractOutside={onInteractOutside}
        onCloseAutoFocus={onCloseAutoFocus}
        className={dialogPanel("max-w-lg")}
        {...(description ? {} : { "aria-describedby": undefined })}
      >
        <DialogPrimitive.Title className="pr-8 text-lg font-semibold [overflow-wrap:anywhere] text-foreground">
          {title}
        </DialogPrimitive.Title>
        {description ? (
          <DialogPrimitive.Description className="mt-1 text-sm [overflow-wrap:anywhere] text-muted-foreground">
            {description}
          </DialogPrimitive.Description>
        ) : null}
        <div className="mt-5">{children}</div>
        <DialogPrimitive.Close
          aria-label="Close"
          className="absolute top-4 right-4 rounded-md p-1 text-muted-foreground hover:bg-badge hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
        >
          <X className="h-4 w-4" aria-hidden />
        </DialogPrimitive.Close>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

// The panel of a dialog or confirmation: centred, never wider or taller than the screen.
export function dialogPanel(maxWidth: "max-w-lg" | "max-w-md") {
  return [
    "fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] -translate-x-1/2 -translate-y-1/2",
    "max-h-[calc(100dvh-2rem)] overflow-y-auto overscroll-contain rounded-lg border border-border bg-card p-6 text-foreground shadow-xl focus:outline-none",
    maxWidth,
  ].join(" ");
}

// Buttons of a dialog; when the dialog scrolls they stay at its bottom edge.
export function DialogFooter({ children }: { children: ReactNode }) {
  return (
    <div className="sticky -bottom-6 z-10 -mx-6 mt-6 -mb-6 flex flex-wrap justify-end gap-2 rounded-b-lg border-t border-border bg-card px-6 py-4">
      {children}
    </div>
  );
}
