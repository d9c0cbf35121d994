"use client";

import { Tooltip } from "radix-ui";
import { useId, type MouseEvent, type ReactNode } from "react";
import { cn } from "@/lib/cn";

// An icon button of a table's Action column. When the action isn't allowed it stays
// focusable (aria-disabled, not disabled) and looks disabled, and its reason shows as a
// tooltip on hover and on keyboard focus, and is read out with the button's name.
export function IconAction({
  label,
  lockedReason,
  onClick,
  danger,
  children,
}: {
  label: string;
  lockedReason?: string;
  onClick: (event: MouseEvent<HTMLButtonElement>) => void;
  danger?: boolean;
  children: ReactNode;
}) {
  const reasonId = useId();
  const button = (
    <button
      type="button"
      aria-label={label}
      aria-disabled={lockedReason ? true : undefined}
      aria-describedby={lockedReason ? reasonId : undefined}
      onClick={lockedReason ? undefined : onClick}
      className={cn(
        "icon-action",
        lockedReason
          ? "cursor-not-allowed opacity-40"
          : danger
            ? "hover:bg-destructive-soft hover:text-destructive-foreground"
            : "hover:bg-badge hover:text-foreground",
      )}
    >
      {children}
      {lockedReason ? (
        <span id={reasonId} className="sr-only">
          {lockedReason}
        </span>
      ) : null}
    </button>
  );
  if (!lockedReason) return button;
  return (
    <Tooltip.Provider delayDuration={150}>
      <Tooltip.Root>
        <Tooltip.Trigger asChild>{button}</Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content
            side="top"
            sideOffset={6}
            className="z-50 max-w-64 rounded-md bg-foreground px-3 py-2 text-xs text-background shadow-lg"
          >
            {lockedReason}
            <Tooltip.Arrow className="fill-foreground" />
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    </Tooltip.Provider>
  );
}
