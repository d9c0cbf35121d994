import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

// A short label such as a role name: one line, truncated with the full text on hover
// (`.pill`, app/globals.css).
export function Badge({ className, children, title, ...props }: ComponentProps<"span">) {
  return (
    <span
      title={title ?? (typeof children === "string" ? children : undefined)}
      className={cn("pill", className)}
      {...props}
    >
      {children}
    </span>
  );
}
