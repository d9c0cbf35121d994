import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

// A short label such as a role name: one line, truncated with the full text on hover.
export function Badge({ className, children, title, ...props }: ComponentProps<"span">) {
  return (
    <span
      title={title ?? (typeof children === "string" ? children : undefined)}
      className={cn(
        "inline-block max-w-full truncate rounded-full bg-badge px-2 py-0.5 align-middle text-xs font-medium whitespace-nowrap text-badge-foreground",
        className,
      )}
      {...props}
    >
      {children}
    </span>
  );
}
