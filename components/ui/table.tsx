import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

// A small static table (a key's roll history, its recent events): no sorting or paging.
// Lists of records use DataTable. The box scrolls sideways on a phone, so it is a named
// region a keyboard can focus and scroll.
export function Table({ className, label, ...props }: ComponentProps<"table"> & { label: string }) {
  return (
    <div
      tabIndex={0}
      role="region"
      aria-label={label}
      className="overflow-x-auto rounded-lg border border-border bg-card shadow-xs"
    >
      <table className={cn("w-full text-left text-sm", className)} {...props} />
    </div>
  );
}

export function Th({ className, ...props }: ComponentProps<"th">) {
  return (
    <th
      className={cn(
        "border-b border-border bg-muted px-4 py-2.5 text-xs font-medium tracking-wide whitespace-nowrap text-muted-foreground uppercase",
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("border-b border-border px-4 py-3 align-middle", className)} {...props} />;
}
