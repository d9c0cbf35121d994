"use client";

import { CloudOff, RotateCw } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

// How often the page asks whether the server is back, while it shows the error.
const READY_POLL_MS = 3000;

// What a portal page shows when rendering or fetching it failed (app/(portal)/error.tsx):
// in the portal's own style, what happened, and Retry. While the server doesn't answer
// it asks /api/ready every few seconds and retries by itself once it does, so the tab
// recovers after a restart without a reload.
export function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [reachable, setReachable] = useState<boolean | null>(null);
  // Moving focus to the heading tells a screen reader (and a keyboard user) what happened.
  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wasDown = false;
    async function check() {
      const ready = await fetch("/api/ready", { cache: "no-store" }).then(
        (response) => response.ok,
        () => false,
      );
      if (stopped) return;
      setReachable(ready);
      wasDown ||= !ready;
      // The server was down and answers again: show the page once more.
      if (ready && wasDown) retry();
      else timer = setTimeout(check, READY_POLL_MS);
    }
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [retry]);
  const down = reachable === false;
  return (
    <div role="alert" className="rounded-lg border border-border bg-card px-6 py-12 text-center">
      <CloudOff className="mx-auto h-8 w-8 text-muted-foreground" aria-hidden />
      <h2 ref={heading} tabIndex={-1} className="mt-3 text-lg font-semibold text-foreground outline-none">
        {down ? "The server isn't answering" : "This page couldn't be shown"}
      </h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-muted-foreground">
        {down
          ? "It may be restarting. Nothing you saved is lost; this page comes back by itself once the server answers."
          : "Something went wrong while loading it. Try again; if it keeps happening, reload the page."}
      </p>
      {error instanceof Error && "digest" in error && typeof error.digest === "string" ? (
        <p className="mt-2 font-mono text-xs text-muted-foreground">Reference {error.digest}</p>
      ) : null}
      <Button className="mt-6" onClick={retry}>
        <RotateCw className="h-4 w-4" aria-hidden />
        Retry
      </Button>
    </div>
  );
}
