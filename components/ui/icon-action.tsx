"use client";

import { Tooltip } from "radix-ui";
import { useId, type ReactNode } from "react";
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
  onClick: () => void;
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
        "inline-flex h-8 w-8 items-center justify-center rounded-md text-slate-600 transition-colors",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
        lockedReason
          ? "cursor-not-allowed opacity-40"
          : danger
            ? "hover:bg-red-50 hover:text-red-600"
            : "hover:bg-slate-100 hover:text-slate-900",
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
            className="z-50 max-w-64 rounded-md bg-slate-900 px-3 py-2 text-xs text-white shadow-lg"
          >
            {lockedReason}
            <Tooltip.Arrow className="fill-slate-900" />
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    </Tooltip.Provider>
  );
}
