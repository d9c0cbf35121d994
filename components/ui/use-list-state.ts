"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useTransition } from "react";

export class ServerUnreachableError extends Error {
  constructor() {
    super("The server isn't answering.");
    this.name = "ServerUnreachableError";
  }
}

// /api/health answers without touching the database: whether this server is there at all.
async function serverAnswers(): Promise<void> {
  const answered = await fetch("/api/health", { cache: "no-store" }).then(
    () => true,
    () => false,
  );
  if (!answered) throw new ServerUnreachableError();
}

export type ListState = {
  page: number;
  pageSize: number;
  q: string;
  sort: string;
  dir: "asc" | "desc";
  pending: boolean;
  update: (changes: Partial<Record<string, string | number>>) => void;
};

// The list's page, filter and sort live in the URL, so they survive reloads and links.
// `current` is what the server used: when it clamped the page (?page=99 of 4), the address
// is corrected to match.
export function useListState(current: Omit<ListState, "update" | "pending">): ListState {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();

  function href(changes: Parameters<ListState["update"]>[0]) {
    const params = new URLSearchParams(searchParams.toString());
    for (const [name, value] of Object.entries(changes)) {
      if (value === "" || value === undefined) params.delete(name);
      else params.set(name, String(value));
    }
    if (params.get("page") === "1") params.delete("page");
    const query = params.toString();
    return query ? `${pathname}?${query}` : pathname;
  }

  const urlPage = searchParams.get("page") ?? "1";
  const corrected = urlPage === String(current.page) ? null : href({ page: current.page });
  useEffect(() => {
    // The page on screen is already right: only the address changes, without a request.
    if (corrected) window.history.replaceState(null, "", corrected);
  }, [corrected]);

  return {
    ...current,
    pending,
    update(changes) {
      startTransition(async () => {
        // Next falls back to a full page load when it can't fetch the new list, which ends
        // in the browser's own error page while the server is down. Asked first, an
        // unreachable server ends in the portal's error boundary instead
        // (app/(portal)/error.tsx), which comes back by itself once the server answers.
        await serverAnswers();
        startTransition(() => router.replace(href(changes), { scroll: false }));
      });
    },
  };
}
