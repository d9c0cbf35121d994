"use client";

import { CopyButton } from "@/components/ui/copy-button";

// Recovery codes, shown once: each signs in once when the authenticator is lost.
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted-foreground">
        Keep these somewhere safe, away from this device. Each one signs you in once if you lose your authenticator app.
        They are shown only now.
      </p>
      <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded-md border border-border bg-muted p-3">
        {codes.map((code) => (
          <li key={code} className="font-mono text-sm text-foreground">
            {code}
          </li>
        ))}
      </ul>
      <CopyButton value={codes.join("\n")} label="Copy recovery codes" />
    </div>
  );
}
