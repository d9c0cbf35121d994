"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ListState } from "@/components/ui/use-list-state";
import { formatTotal, pageCount } from "./paging";

// `list.page` is always within 1…pages: the page that reads the data clamps it. A capped
// total is a lower bound ("1,000+"): the list goes on, so Next stays enabled.
export function Pagination({
  list,
  total,
  totalCapped = false,
}: {
  list: ListState;
  total: number;
  totalCapped?: boolean;
}) {
  const pages = pageCount(total, list.pageSize);
  const first = total === 0 ? 0 : (list.page - 1) * list.pageSize + 1;
  const last = Math.min(total, list.page * list.pageSize);
  return (
    <nav
      aria-label="Pagination"
      className="mt-3 flex flex-wrap items-center justify-between gap-x-4 gap-y-2 text-sm text-muted-foreground"
    >
      <p>
        {first.toLocaleString("en")}–{last.toLocaleString("en")} of {formatTotal(total, totalCapped)}
      </p>
      <div className="flex items-center gap-2">
        <span className="whitespace-nowrap">
          Page {list.page.toLocaleString("en")} of {formatTotal(pages, totalCapped)}
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
          disabled={!totalCapped && list.page >= pages}
          onClick={() => list.update({ page: list.page + 1 })}
        >
          Next
          <ChevronRight className="h-4 w-4" aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
