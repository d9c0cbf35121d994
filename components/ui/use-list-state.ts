"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";

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
export function useListState(current: Omit<ListState, "update" | "pending">): ListState {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  return {
    ...current,
    pending,
    update(changes) {
      const params = new URLSearchParams(searchParams.toString());
      for (const [name, value] of Object.entries(changes)) {
        if (value === "" || value === undefined) params.delete(name);
        else params.set(name, String(value));
      }
      if (params.get("page") === "1") params.delete("page");
      startTransition(() => router.replace(`${pathname}?${params.toString()}`, { scroll: false }));
    },
  };
}
