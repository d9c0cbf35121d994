"use client";

import { createContext, useCallback, useLayoutEffect, useRef } from "react";

// Where focus goes when a dialog closes: `undefined` means the element that had focus
// when it opened; `null` means leave it (the caller moves focus itself, e.g. after a delete).
export type ReturnFocus = () => HTMLElement | null | undefined;

// Our dialogs are opened from state, not from a Radix Trigger, so Radix can't know what
// opened them and would drop focus on <body>. This remembers the focused element as the
// dialog opens and gives it focus back on close, as a Trigger would.
export function useReturnFocus(open: boolean, returnFocus?: ReturnFocus) {
  const opener = useRef<HTMLElement | null>(null);
  const isOpen = useRef(false);
  const override = useRef(returnFocus);
  useLayoutEffect(() => {
    override.current = returnFocus;
  });
  // A layout effect runs before Radix moves focus into the dialog.
  useLayoutEffect(() => {
    if (open && !isOpen.current) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    }
    isOpen.current = open;
  }, [open]);

  return useCallback((event: Event) => {
    event.preventDefault();
    // Still open: only the dialog's content was swapped (a form for its result).
    if (isOpen.current) return;
    const chosen = override.current?.();
    if (chosen === null) return;
    const target = chosen ?? opener.current;
    if (target?.isConnected) target.focus();
  }, []);
}

export const CloseAutoFocusContext = createContext<((event: Event) => void) | undefined>(undefined);
