"use client";

import { Check } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { cn } from "@/lib/cn";
import { RowIcon } from "./row-icons";

export function CopyButton({ value, label, subtle = false }: { value: string; label: string; subtle?: boolean }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      toast.error("Could not copy. Select the text and copy it yourself.");
    }
  }
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={label}
      className={cn(
        "inline-flex shrink-0 items-center gap-1.5 rounded-md focus-visible:outline-2 focus-visible:outline-ring",
        subtle
          ? // 44 px on a phone, 24 px (WCAG 2.5.8's least) from sm up (app/globals.css).
            "copy-subtle"
          : "h-11 border border-input bg-card px-3 text-sm font-medium text-foreground hover:bg-muted sm:h-9",
      )}
    >
      {copied ? <Check className="h-3.5 w-3.5" aria-hidden /> : <RowIcon name="copy" className="h-3.5 w-3.5" />}
      {subtle ? null : copied ? "Copied" : "Copy"}
    </button>
  );
}
