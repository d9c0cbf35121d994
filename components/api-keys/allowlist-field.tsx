"use client";

import { Field } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/actions/result";
import { cn } from "@/lib/cn";

// One address or CIDR range per line (commas and spaces separate too); the server parses
// and normalises them, and names each one it can't read.
export function allowlistEntries(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export function allowlistErrors(errors: FieldErrors | undefined): string | undefined {
  const messages = Object.entries(errors ?? {})
    .filter(([field]) => field === "ipAllowlist" || field.startsWith("ipAllowlist."))
    .flatMap(([, list]) => list ?? []);
  return messages.length > 0 ? messages.join(" ") : undefined;
}

export function AllowlistField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <Field
      id="key-allowlist"
      label="IP allowlist"
      error={error}
      hint="One IPv4 or IPv6 address or CIDR range per line, e.g. 203.0.113.7 or 10.0.0.0/8. Empty: any address."
    >
      <textarea
        id="key-allowlist"
        rows={2}
        spellCheck={false}
        autoComplete="off"
        placeholder="Any address"
        value={value}
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={error ? "key-allowlist-error" : undefined}
        onChange={(event) => onChange(event.target.value)}
        className={cn(
          "block w-full rounded-md border border-input bg-card px-3 py-2 font-mono text-sm text-foreground shadow-xs placeholder:font-sans placeholder:text-muted-foreground",
          "focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring aria-invalid:border-destructive",
        )}
      />
    </Field>
  );
}
