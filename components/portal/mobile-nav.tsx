"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { Dialog as DialogPrimitive } from "radix-ui";
import { useState, type ReactNode } from "react";

// Below `md` the navigation is a drawer behind a menu button (a Radix Dialog: focus is
// trapped inside, Escape closes it and focus returns to the button). Following a link
// closes it: it is open only on the page, and in the account, where it was opened (an
// account switch closes it too, showing the other account's page).
export function MobileNav({ accountId, children }: { accountId: string; children: ReactNode }) {
  const where = `${accountId} ${usePathname()}`;
  const [openOn, setOpenOn] = useState<string | null>(null);
  return (
    <DialogPrimitive.Root open={openOn === where} onOpenChange={(open) => setOpenOn(open ? where : null)}>
      <DialogPrimitive.Trigger
        aria-label="Open menu"
        className="-ml-2 inline-flex h-10 w-10 items-center justify-center rounded-md text-foreground hover:bg-muted"
      >
        <Menu className="h-5 w-5" aria-hidden />
      </DialogPrimitive.Trigger>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-slate-950/50 dark:bg-black/70" />
        <DialogPrimitive.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col overflow-y-auto border-r border-border bg-card shadow-xl focus:outline-none"
          onClick={(event) => {
            if (event.target instanceof Element && event.target.closest("a")) setOpenOn(null);
          }}
        >
          <DialogPrimitive.Title className="sr-only">Menu</DialogPrimitive.Title>
          {children}
          <DialogPrimitive.Close
            aria-label="Close menu"
            className="absolute top-4 right-3 rounded-md p-1 text-muted-foreground hover:bg-badge hover:text-foreground"
          >
            <X className="h-5 w-5" aria-hidden />
          </DialogPrimitive.Close>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
