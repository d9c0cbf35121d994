import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

const variants = {
  primary: "bg-primary text-primary-foreground hover:bg-primary-hover",
  secondary: "border border-input bg-card text-foreground hover:bg-muted",
  danger: "bg-destructive text-white hover:bg-destructive-hover",
  ghost: "text-muted-foreground shadow-none hover:bg-badge hover:text-foreground",
} as const;

const sizes = {
  md: "h-9 px-4 text-sm",
  sm: "h-8 px-3 text-sm",
  icon: "h-8 w-8 shrink-0 justify-center",
} as const;

export type ButtonProps = ComponentProps<"button"> & { variant?: keyof typeof variants; size?: keyof typeof sizes };

// Disabled buttons look disabled: faded, no shadow, no hover change, a "not allowed" cursor.
export function Button({ variant = "primary", size = "md", className, type = "button", ...props }: ButtonProps) {
  return (
    <button
      type={type}
      className={cn(
        "inline-flex items-center gap-2 rounded-md font-medium whitespace-nowrap shadow-xs transition-colors",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
        variants[variant],
        sizes[size],
        "disabled:cursor-not-allowed disabled:opacity-45 disabled:shadow-none",
        // aria-disabled: unavailable but still focusable (focus must not drop to the page
        // when a focused button's action makes it unavailable); its onClick must check.
        "aria-disabled:cursor-not-allowed aria-disabled:opacity-45 aria-disabled:shadow-none",
        variant === "primary" && "disabled:hover:bg-primary",
        variant === "secondary" && "disabled:hover:bg-card",
        variant === "danger" && "disabled:hover:bg-destructive",
        variant === "ghost" && "disabled:hover:bg-transparent disabled:hover:text-muted-foreground",
        className,
      )}
      {...props}
    />
  );
}
