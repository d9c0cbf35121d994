"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ListState } from "@/components/ui/use-list-state";

export function Pagination({ list, total }: { list: ListState; total: number }) {
  const pages = Math.max(1, Math.ceil(total / list.pageSize));
  const first = (list.page - 1) * list.pageSize + 1;
  const last = Math.min(total, list.page * list.pageSize);
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm text-slate-500">
      <p>
        {first}–{last} of {total.toLocaleString("en")}
      </p>
      <div className="flex items-center gap-2">
        <span>
          Page {list.page} of {pages.toLocaleString("en")}
        </span>
        <Button
          variant="secondary"
          size="sm"
          disabled={list.page <= 1}
          onClick={() => list.update({ page: list.page - 1 })}
        >
          <ChevronLeft className="h-4 w-4" aria-hidden />
          Previous
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={list.page >= pages}
          onClick={() => list.update({ page: list.page + 1 })}
        >
          Next
          <ChevronRight className="h-4 w-4" aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
