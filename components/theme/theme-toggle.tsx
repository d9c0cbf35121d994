"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useTheme } from "next-themes";
import { useId, useSyncExternalStore } from "react";
import { cn } from "@/lib/cn";

const CHOICES = [
  { value: "system", label: "System", Icon: Monitor },
  { value: "light", label: "Light", Icon: Sun },
  { value: "dark", label: "Dark", Icon: Moon },
] as const;

const subscribe = () => () => {};

// Light, Dark, or the system's setting (the default). The choice is kept in this browser.
export function ThemeToggle({ className }: { className?: string }) {
  const { theme, setTheme } = useTheme();
  // The sidebar and the phone's menu each have a toggle: separate radio groups.
  const name = useId();
  // The stored choice is known only in the browser: nothing is checked in the server's HTML.
  const mounted = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const current = mounted ? (theme ?? "system") : undefined;
  return (
    <fieldset className={cn("flex rounded-md border border-border p-0.5", className)}>
      <legend className="sr-only">Theme</legend>
      {CHOICES.map(({ value, label, Icon }) => (
        <label
          key={value}
          title={label}
          className={cn(
            "flex flex-1 cursor-pointer items-center justify-center rounded px-2 py-1 text-muted-foreground has-focus-visible:outline-2 has-focus-visible:outline-ring",
            current === value ? "bg-badge text-foreground" : "hover:text-foreground",
          )}
        >
          <input
            type="radio"
            name={name}
            value={value}
            className="sr-only"
            checked={current === value}
            onChange={() => setTheme(value)}
            aria-label={`${label} theme`}
          />
          <Icon className="h-4 w-4" aria-hidden />
        </label>
      ))}
    </fieldset>
  );
}
