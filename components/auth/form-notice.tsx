import type { ReactNode } from "react";

// A calm message at the top of an auth form: something went as planned (not an error).
export function FormNotice({ children }: { children: ReactNode }) {
  return (
    <div
      role="status"
      className="rounded-md border border-success-foreground/30 bg-success-soft px-3 py-2 text-sm text-success-foreground"
    >
      {children}
    </div>
  );
}
