"use client";

import { Check, CircleAlert, CircleCheck, Copy, Play, TriangleAlert } from "lucide-react";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { DialogContent, DialogFooter } from "@/components/ui/dialog";

export type ShownSecret = { keyName: string; secret: string; rolled: boolean };

// The secret of a new or rolled key, shown once, as the first and only step after
// creating or rolling: the whole key, ways to copy it, a curl example against this
// portal, a live test, and a confirmation before it goes away. The dialog that hosts it
// routes every attempt to close (Escape, ×, Done) through `useShowOnce().requestClose`.
export function useShowOnce() {
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const [asking, setAsking] = useState(false);
  return {
    shown,
    asking,
    show(secret: ShownSecret) {
      setShown(secret);
      setAsking(false);
    },
    // True when the dialog may close now; otherwise it asks first (Escape while asking
    // goes back to the key).
    requestClose(): boolean {
      if (!shown) return true;
      setAsking(!asking);
      return false;
    },
    back: () => setAsking(false),
    // The secret leaves the page's memory with the dialog.
    forget() {
      setShown(null);
      setAsking(false);
    },
  };
}

type ShowOnce = ReturnType<typeof useShowOnce>;

export function ShowOnceSecret({
  showOnce,
  origin,
  onDone,
}: {
  showOnce: ShowOnce & { shown: ShownSecret };
  origin: string;
  onDone: () => void;
}) {
  const { shown, asking } = showOnce;
  const curl = `curl -H "Authorization: Bearer ${shown.secret}" ${origin}/api/v1/whoami`;
  return (
    <DialogContent
      title="Save your API key"
      description={
        shown.rolled
          ? `“${shown.keyName}” has a new secret. Copy it now: it will not be shown again.`
          : `“${shown.keyName}” is ready. Copy the key now: it will not be shown again.`
      }
      onInteractOutside={(event) => event.preventDefault()}
    >
      <div className="space-y-4">
        <code
          data-testid="new-key-secret"
          className="block rounded-md border border-border bg-muted px-3 py-2 font-mono text-sm break-all text-foreground select-all"
        >
          {shown.secret}
        </code>
        <div className="flex flex-wrap gap-2">
          <CopyText value={shown.secret} label="Copy" />
          <CopyText value={`export WISP_API_KEY=${shown.secret}`} label="Copy as export WISP_API_KEY=…" />
        </div>
        <div>
          <div className="flex items-center justify-between gap-2">
            <p className="text-sm font-medium text-foreground">Try it</p>
            <CopyText value={curl} label="Copy curl" />
          </div>
          <pre className="mt-1.5 rounded-md bg-slate-900 px-3 py-2 font-mono text-xs whitespace-pre-wrap text-slate-100 [overflow-wrap:anywhere]">
            {curl}
          </pre>
          <TestKey secret={shown.secret} />
        </div>
        <p className="flex gap-2 rounded-md border border-warning-foreground/30 bg-warning-soft px-3 py-2 text-sm text-warning-foreground">
          <TriangleAlert className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
          This key will not be shown again. If you lose it, roll the key to get a new secret.
        </p>
      </div>
      {asking ? (
        <ConfirmClose onBack={showOnce.back} onConfirm={onDone} />
      ) : (
        <DialogFooter>
          <Button onClick={() => showOnce.requestClose()}>Done</Button>
        </DialogFooter>
      )}
    </DialogContent>
  );
}

function ConfirmClose({ onBack, onConfirm }: { onBack: () => void; onConfirm: () => void }) {
  return (
    <div
      role="group"
      aria-labelledby="show-once-confirm"
      className="mt-6 rounded-md border border-border bg-card p-3 shadow-sm"
    >
      <p id="show-once-confirm" className="text-sm font-medium text-foreground">
        Have you saved the key? Once this closes, nobody can show it again.
      </p>
      <div className="mt-3 flex flex-wrap justify-end gap-2">
        {/* Focus lands on the safe choice. */}
        <Button variant="secondary" autoFocus onClick={onBack}>
          Back to the key
        </Button>
        <Button onClick={onConfirm}>I have saved the key</Button>
      </div>
    </div>
  );
}

function CopyText({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }
  const Icon = copied ? Check : Copy;
  return (
    <Button variant="secondary" size="sm" onClick={copy} aria-label={label}>
      <Icon className="h-3.5 w-3.5" aria-hidden />
      <span aria-live="polite">{copied ? "Copied" : label}</span>
    </Button>
  );
}

type TestResult = { ok: boolean; text: string };

// Calls whoami with the new key from this browser and shows what the API answered.
function TestKey({ secret }: { secret: string }) {
  const [result, setResult] = useState<TestResult | null>(null);
  const [pending, setPending] = useState(false);
  async function test() {
    setPending(true);
    try {
      const response = await fetch("/api/v1/whoami", {
        headers: { Authorization: `Bearer ${secret}` },
        cache: "no-store",
      });
      const body = await response.json().catch(() => null);
      setResult(
        response.ok
          ? {
              ok: true,
              text: `${response.status} OK: key “${body.name}” of ${body.account.name}, role ${body.role.name}.`,
            }
          : { ok: false, text: `${response.status} ${body?.error?.code ?? ""}: ${body?.error?.message ?? ""}` },
      );
    } catch {
      setResult({ ok: false, text: "The request failed. Check your connection and try again." });
    } finally {
      setPending(false);
    }
  }
  const Icon = result?.ok ? CircleCheck : CircleAlert;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2">
      <Button variant="secondary" size="sm" onClick={test} disabled={pending}>
        <Play className="h-3.5 w-3.5" aria-hidden />
        {pending ? "Testing…" : "Test it"}
      </Button>
      <p role="status" className="min-w-0 flex-1 text-sm">
        {result ? (
          <span
            className={
              result.ok ? "inline-flex gap-1 text-success-foreground" : "inline-flex gap-1 text-destructive-foreground"
            }
          >
            <Icon className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
            {result.text}
          </span>
        ) : (
          <span className="text-muted-foreground">Calls GET /api/v1/whoami with this key.</span>
        )}
      </p>
    </div>
  );
}
