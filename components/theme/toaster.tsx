"use client";

import { useTheme } from "next-themes";
import { Toaster as Sonner } from "sonner";

// Toasts in the portal's current theme.
export function Toaster() {
  const { resolvedTheme } = useTheme();
  return (
    <Sonner
      theme={resolvedTheme === "dark" ? "dark" : "light"}
      position="bottom-right"
      richColors
      closeButton
      toastOptions={{ classNames: { toast: "max-w-[calc(100vw-2rem)]" } }}
    />
  );
}
