"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ReturnFocus } from "@/components/ui/return-focus";
import type { FieldErrors } from "@/lib/actions/result";
import { saveWebhookAction } from "@/lib/actions/save-webhook";
import { EVENT_TYPE_NAMES, EVENT_TYPES, type EventType } from "@/lib/validations/webhook";
import type { ShownSigningSecret } from "./signing-secret-dialog";
import type { WebhookRow } from "./types";
import { reachServer } from "@/components/ui/reach-server";

// Add or edit an endpoint: URL, description and the events it receives. Keyed per opening
// by its caller; what was typed stays when the server refuses it.
export function WebhookFormDialog({
  webhook,
  open,
  onOpenChange,
  onSecret,
  returnFocus,
}: {
  webhook?: WebhookRow;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSecret?: (shown: ShownSigningSecret) => void;
  returnFocus?: ReturnFocus;
}) {
  const [url, setUrl] = useState(webhook?.url ?? "");
  const [description, setDescription] = useState(webhook?.description ?? "");
  const [events, setEvents] = useState<string[]>(webhook?.events ?? []);
  const [errors, setErrors] = useState<FieldErrors>();
  const [pending, startTransition] = useTransition();

  function toggle(event: EventType, on: boolean) {
    setEvents((current) => (on ? [...current, event] : current.filter((e) => e !== event)));
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await reachServer(() => saveWebhookAction({ id: webhook?.id, url, description, events }));
      if (result.ok) {
        toast.success(webhook ? "Endpoint saved." : "Endpoint added.");
        onOpenChange(false);
        if (result.secret) onSecret?.({ url: result.webhook.url, secret: result.secret, rolled: false });
      } else {
        setErrors(result.fieldErrors);
        toast.error(result.error);
      }
    });
  }

  const eventsError = errors?.events?.[0];
  return (
    <Dialog open={open} onOpenChange={onOpenChange} returnFocus={returnFocus}>
      <DialogContent
        title={webhook ? "Edit Endpoint" : "Add Endpoint"}
        description="Events are POSTed to this URL as JSON, signed by the Standard Webhooks scheme."
      >
        <form onSubmit={submit} noValidate className="space-y-4">
          <Field id="webhook-url" label="URL" error={errors?.url?.[0]} hint="https://, reachable from the internet.">
            <Input
              id="webhook-url"
              type="url"
              value={url}
              maxLength={2000}
              placeholder="https://example.com/webhooks/wisp"
              onChange={(event) => setUrl(event.target.value)}
              aria-invalid={Boolean(errors?.url) || undefined}
            />
          </Field>
          <Field id="webhook-description" label="Description (optional)" error={errors?.description?.[0]}>
            <Input
              id="webhook-description"
              value={description}
              maxLength={500}
              onChange={(event) => setDescription(event.target.value)}
            />
          </Field>
          <fieldset aria-describedby={eventsError ? "webhook-events-error" : undefined}>
            <legend className="text-sm font-medium text-foreground">Events</legend>
            <div className="mt-2 grid max-h-64 gap-1.5 overflow-y-auto rounded-md border border-border p-2 sm:grid-cols-2">
              {EVENT_TYPE_NAMES.map((type) => (
                <label key={type} className="flex items-start gap-2 text-sm" title={EVENT_TYPES[type]}>
                  <input
                    type="checkbox"
                    className="mt-0.5 h-4 w-4 accent-primary"
                    checked={events.includes(type)}
                    onChange={(event) => toggle(type, event.target.checked)}
                  />
                  <span className="font-mono text-xs break-all text-foreground">{type}</span>
                </label>
              ))}
            </div>
            {eventsError ? (
              <p id="webhook-events-error" className="mt-1 text-sm text-destructive-foreground">
                {eventsError}
              </p>
            ) : null}
          </fieldset>
          <DialogFooter>
            <Button variant="secondary" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : webhook ? "Save Endpoint" : "Add Endpoint"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
