"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { rollApiKeyAction } from "@/lib/actions/roll-api-key";
import { cn } from "@/lib/cn";
import { GRACE_PERIOD_LABELS, type GracePeriod } from "@/lib/validations/api-key";
import { ShowOnceSecret, useShowOnce } from "./show-once-secret";
import type { KeyRow } from "./types";
import { useStepUp } from "@/components/two-factor/step-up";

const HINTS: Record<GracePeriod, string> = {
  now: "Scripts still using the old secret fail from the next request.",
  "1h": "Time to update one script.",
  "24h": "Time to redeploy what uses it.",
  "7d": "Time to reach every place that holds it.",
};

// Step one picks how long the old secret keeps working; step two is the show-once secret.
export function RollKeyDialog({
  row,
  open,
  onOpenChange,
  origin,
}: {
  row: KeyRow;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  origin: string;
}) {
  const withStepUp = useStepUp();
  const leaked = row.leakReport !== null;
  const [grace, setGrace] = useState<GracePeriod>(leaked ? "now" : "24h");
  const showOnce = useShowOnce();
  const [pending, startTransition] = useTransition();

  function close() {
    showOnce.forget();
    setGrace(leaked ? "now" : "24h");
    onOpenChange(false);
  }

  function onRootOpenChange(next: boolean) {
    if (next) onOpenChange(true);
    else if (showOnce.requestClose()) close();
  }

  function roll() {
    startTransition(async () => {
      const result = await withStepUp(() => rollApiKeyAction({ keyId: row.keyId, gracePeriod: grace }));
      if (result.ok) {
        showOnce.show({ keyName: result.key.name, secret: result.secret, rolled: true });
        toast.success(`Key “${result.key.name}” rolled.`);
      } else {
        toast.error(result.error);
      }
    });
  }

  return (
    <Dialog open={open} onOpenChange={onRootOpenChange}>
      {showOnce.shown ? (
        <ShowOnceSecret showOnce={{ ...showOnce, shown: showOnce.shown }} origin={origin} onDone={close} />
      ) : (
        <DialogContent
          title={`Roll “${row.name}”`}
          description="A new secret replaces the old one. The Key ID, name, role, expiry and allowlist stay."
        >
          <fieldset>
            <legend className="text-sm font-medium text-foreground">The old secret keeps working for</legend>
            {leaked ? (
              <p className="mt-1 text-sm text-destructive-foreground">
                This key was reported leaked: its old secret stops now, whatever you choose.
              </p>
            ) : null}
            <div className="mt-2 space-y-2">
              {(Object.keys(GRACE_PERIOD_LABELS) as GracePeriod[]).map((period) => (
                <label
                  key={period}
                  className={cn(
                    "flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2 text-sm",
                    grace === period ? "border-ring bg-accent" : "border-border",
                  )}
                >
                  <input
                    type="radio"
                    name="grace"
                    value={period}
                    checked={grace === period}
                    onChange={() => setGrace(period)}
                    className="mt-0.5 accent-primary"
                  />
                  <span>
                    <span className="block font-medium text-foreground">{GRACE_PERIOD_LABELS[period]}</span>
                    <span className="block text-muted-foreground">{HINTS[period]}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <DialogFooter>
            <Button variant="secondary" onClick={() => onRootOpenChange(false)}>
              Cancel
            </Button>
            <Button onClick={roll} disabled={pending}>
              {pending ? "Rolling…" : "Roll key"}
            </Button>
          </DialogFooter>
        </DialogContent>
      )}
    </Dialog>
  );
}
