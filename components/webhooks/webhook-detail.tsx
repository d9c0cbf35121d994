"use client";

import { KeyRound, RotateCw, Send } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/lib/format-date";
import { resendWebhookEventAction } from "@/lib/actions/resend-webhook-event";
import { rollWebhookSecretAction } from "@/lib/actions/roll-webhook-secret";
import { sendWebhookTestAction } from "@/lib/actions/send-webhook-test";
import { SigningSecretDialog, type ShownSigningSecret } from "./signing-secret-dialog";
import type { DeliveryRow, WebhookRow } from "./types";

// One endpoint: its settings at a glance, "Send test event", "Roll secret", and its
// delivery log (each try: time, event, status, latency, the answer's start) with "Resend".
const when = (iso: string) => formatDate(iso, true);

export function WebhookDetail({
  webhook,
  deliveries,
  canWrite,
}: {
  webhook: WebhookRow;
  deliveries: DeliveryRow[];
  canWrite: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [rolling, setRolling] = useState(false);
  const [secret, setSecret] = useState<ShownSigningSecret | null>(null);

  const sendTest = () =>
    startTransition(async () => {
      const result = await sendWebhookTestAction({ id: webhook.id });
      if (result.ok) toast.success("Test event queued. It shows in the log below once sent.");
      else toast.error(result.error);
    });
  const resend = (eventId: string) =>
    startTransition(async () => {
      const result = await resendWebhookEventAction({ id: webhook.id, eventId });
      if (result.ok) toast.success("Event queued again.");
      else toast.error(result.error);
    });

  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-md border border-border bg-card p-4 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
        <dt className="text-muted-foreground">URL</dt>
        <dd className="font-mono break-all text-foreground">{webhook.url}</dd>
        <dt className="text-muted-foreground">State</dt>
        <dd className="text-foreground">
          {webhook.enabled
            ? "Enabled"
            : webhook.disabledReason === "failing"
              ? "Disabled after 5 days of failures"
              : "Disabled"}
          {webhook.failingSince ? <Badge className="ml-2">Failing since {when(webhook.failingSince)}</Badge> : null}
        </dd>
        <dt className="text-muted-foreground">Events</dt>
        <dd className="font-mono text-xs [overflow-wrap:anywhere] text-foreground">{webhook.events.join(", ")}</dd>
        <dt className="text-muted-foreground">Signing secret</dt>
        <dd className="font-mono text-foreground">
          {webhook.secretStart}…
          {webhook.previousSecretUntil ? (
            <span className="ml-2 font-sans text-xs text-muted-foreground">
              (the previous one also signs until {when(webhook.previousSecretUntil)})
            </span>
          ) : null}
        </dd>
      </dl>
      <div className="flex flex-wrap gap-2">
        <Button onClick={sendTest} disabled={!canWrite || pending}>
          <Send className="h-4 w-4" aria-hidden /> Send test event
        </Button>
        <Button variant="secondary" onClick={() => setRolling(true)} disabled={!canWrite}>
          <KeyRound className="h-4 w-4" aria-hidden /> Roll secret
        </Button>
      </div>
      <section aria-labelledby="deliveries-heading" className="space-y-2">
        <h2 id="deliveries-heading" className="text-lg font-semibold text-foreground">
          Deliveries
        </h2>
        {deliveries.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            Nothing was sent to this endpoint yet (the log keeps 30 days).
          </p>
        ) : (
          <Table label="Delivery log" className="min-w-[40rem]">
            <thead>
              <tr>
                <Th>Time</Th>
                <Th>Event</Th>
                <Th>Status</Th>
                <Th>Latency</Th>
                <Th>Response</Th>
                <Th>
                  <span className="sr-only">Action</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <Td className="whitespace-nowrap">{when(delivery.createdAt)}</Td>
                  <Td className="font-mono text-xs">{delivery.eventType}</Td>
                  <Td>
                    <Badge className={delivery.ok ? "text-success-foreground" : "text-destructive-foreground"}>
                      {delivery.status ?? "No answer"}
                    </Badge>
                  </Td>
                  <Td className="whitespace-nowrap">{delivery.latencyMs} ms</Td>
                  <Td className="max-w-64 truncate font-mono text-xs" title={delivery.response}>
                    {delivery.response}
                  </Td>
                  <Td>
                    <Button
                      variant="secondary"
                      size="sm"
                      disabled={!canWrite || pending}
                      onClick={() => resend(delivery.eventId)}
                      aria-label={`Resend ${delivery.eventType} of ${when(delivery.createdAt)}`}
                    >
                      <RotateCw className="h-3.5 w-3.5" aria-hidden /> Resend
                    </Button>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      <ConfirmDialog
        open={rolling}
        onOpenChange={setRolling}
        title="Roll the signing secret?"
        description="A new secret is shown once. For 24 hours every delivery carries signatures of both, so the receiver can switch over."
        confirmLabel="Roll secret"
        pendingLabel="Rolling…"
        pending={pending}
        onConfirm={() =>
          startTransition(async () => {
            const result = await rollWebhookSecretAction({ id: webhook.id });
            setRolling(false);
            if (result.ok) setSecret({ url: result.webhook.url, secret: result.secret, rolled: true });
            else toast.error(result.error);
          })
        }
      />
      <SigningSecretDialog shown={secret} onClose={() => setSecret(null)} />
    </div>
  );
}
