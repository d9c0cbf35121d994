"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ListState } from "@/components/ui/use-list-state";
import { pageCount } from "./paging";

// `list.page` is always within 1…pages: the page that reads the data clamps it.
export function Pagination({ list, total }: { list: ListState; total: number }) {
  const pages = pageCount(total, list.pageSize);
  const first = total === 0 ? 0 : (list.page - 1) * list.pageSize + 1;
  const last = Math.min(total, list.page * list.pageSize);
  return (
    <nav
      aria-label="Pagination"
      className="mt-3 flex flex-wrap items-center justify-between gap-x-4 gap-y-2 text-sm text-muted-foreground"
    >
      <p>
        {first.toLocaleString("en")}–{last.toLocaleString("en")} of {total.toLocaleString("en")}
      </p>
      <div className="flex items-center gap-2">
        <span className="whitespace-nowrap">
          Page {list.page.toLocaleString("en")} of {pages.toLocaleString("en")}
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
