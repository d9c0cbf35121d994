"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { usagePresetOf, type UsagePreset } from "@/lib/usage/presets";
import type { UsageView } from "@/lib/usage/view";
import { UsagePanel } from "./usage-panel";
import { UsageSkeleton } from "./usage-skeleton";

const TITLE = "Usage of all keys";
const IDLE = "No key of this account has made a request in this period. Try one with the curl example below.";

type Answer = UsageView & { period: UsagePreset };

// The keys page's account-wide usage, read by the browser once the page is there (the keys
// list never waits for it): the period from ?usage=, so a shared link, the period links and
// back/forward all choose it; the links keep the page's other parameters (the list's page,
// filter and sort). While another period loads, the last one stays, dimmed.
export function AccountUsage() {
  const searchParams = useSearchParams();
  const period = usagePresetOf(searchParams.get("usage"));
  const [attempt, setAttempt] = useState(0);
  const request = `${period} ${attempt}`;
  const [shown, setShown] = useState<{ request: string; usage: Answer } | null>(null);
  const [failure, setFailure] = useState<{ request: string; message: string } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    readUsage(period, controller.signal).then(
      (usage) => setShown({ request, usage }),
      (error: unknown) => {
        if (!controller.signal.aborted) setFailure({ request, message: messageOf(error) });
      },
    );
    return () => controller.abort();
  }, [period, request]);

  const hrefFor = (key: UsagePreset) => {
    const params = new URLSearchParams(searchParams.toString());
    params.delete("usage");
    params.set("usage", key);
    return `?${params}#usage`;
  };

  if (failure?.request === request)
    return <UsageFailed message={failure.message} onRetry={() => setAttempt((count) => count + 1)} />;
  if (!shown) return <UsageSkeleton title={TITLE} />;
  return (
    <UsagePanel
      usage={shown.usage}
      preset={shown.usage.period}
      busy={shown.request !== request}
      hrefFor={hrefFor}
      title={TITLE}
      idle={IDLE}
    />
  );
}

async function readUsage(period: UsagePreset, signal: AbortSignal): Promise<Answer> {
  const response = await fetch(`/api-keys/usage?period=${period}`, { signal, cache: "no-store" });
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && body) return body as Answer;
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  throw new Error(typeof message === "string" ? message : `The server answered ${response.status}.`);
}

// fetch() rejects with a TypeError when no answer came at all.
const messageOf = (error: unknown) =>
  error instanceof TypeError
    ? "Couldn't reach the server."
    : error instanceof Error
      ? error.message
      : "Something went wrong.";

function UsageFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <section aria-labelledby="usage-heading" className="rounded-lg border border-border bg-card p-4" id="usage">
      <h2 id="usage-heading" className="text-base font-semibold text-foreground">
        {TITLE}
      </h2>
      <div
        role="alert"
        data-testid="usage-failed"
        className="mt-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-destructive-foreground/30 bg-destructive-soft px-4 py-3 text-sm text-destructive-foreground"
      >
        <p>The usage could not be loaded. {message}</p>
        <Button variant="secondary" size="sm" onClick={onRetry}>
          Try again
        </Button>
      </div>
    </section>
  );
}
