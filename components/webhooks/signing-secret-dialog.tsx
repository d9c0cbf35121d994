"use client";

import { TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";

export type ShownSigningSecret = { url: string; secret: string; rolled: boolean };

// An endpoint's signing secret, shown once after creating or rolling it, with a copy button.
export function SigningSecretDialog({ shown, onClose }: { shown: ShownSigningSecret | null; onClose: () => void }) {
  return (
    <Dialog open={shown !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      {shown ? (
        <DialogContent
          title="Save the signing secret"
          description={
            shown.rolled
              ? `${shown.url} has a new signing secret. The old one also signs deliveries for 24 hours.`
              : `Events to ${shown.url} are signed with this secret. Copy it now: it will not be shown again.`
          }
          onInteractOutside={(event) => event.preventDefault()}
        >
          <div className="space-y-4">
            <div className="flex items-start gap-2">
              <code
                data-testid="webhook-secret"
                className="block min-w-0 flex-1 rounded-md border border-border bg-muted px-3 py-2 font-mono text-sm break-all text-foreground select-all"
              >
                {shown.secret}
              </code>
              <CopyButton value={shown.secret} label="Copy the signing secret" />
            </div>
            <p className="flex gap-2 rounded-md border border-warning-foreground/30 bg-warning-soft px-3 py-2 text-sm text-warning-foreground">
              <TriangleAlert className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
              Verify each delivery with it (any Standard Webhooks library). Lost it? Roll the secret.
            </p>
          </div>
          <DialogFooter>
            <Button onClick={onClose}>Done</Button>
          </DialogFooter>
        </DialogContent>
      ) : null}
    </Dialog>
  );
}
