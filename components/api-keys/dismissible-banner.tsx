"use client";

import { X } from "lucide-react";
import { useState, type ReactNode } from "react";

// A banner its reader can put away: the dismissal is a cookie of the member's own (one per
// member, so another login or account on this browser still sees theirs), holding the
// `version` it saw. The server shows the banner again once its version is newer.
export function DismissibleBanner({
  cookie,
  version,
  label,
  className,
  children,
}: {
  cookie: string;
  version: string;
  label: string;
  className: string;
  children: ReactNode;
}) {
  const [dismissed, setDismissed] = useState(false);
  if (dismissed) return null;
  return (
    <div role="alert" className={className}>
      {children}
      <button
        type="button"
        aria-label={label}
        onClick={() => {
          document.cookie = `${cookie}=${encodeURIComponent(version)}; Path=/; Max-Age=31536000; SameSite=Lax`;
          setDismissed(true);
          document.getElementById("main-content")?.focus();
        }}
        className="-my-2 -mr-2 ml-auto inline-flex h-11 w-11 shrink-0 items-center justify-center rounded-md hover:bg-destructive-foreground/10 focus-visible:outline-2 focus-visible:outline-ring sm:-my-1 sm:h-8 sm:w-8"
      >
        <X className="h-4 w-4" aria-hidden />
      </button>
    </div>
  );
}
