"use client";

import { Pagination } from "@/components/ui/pagination";
import { useListState } from "@/components/ui/use-list-state";

// Page links for a list that usually fits on one page (roles, team): shown only when it doesn't.
export function PageLinks({
  page,
  pageSize,
  total,
  totalCapped,
}: {
  page: number;
  pageSize: number;
  total: number;
  totalCapped: boolean;
}) {
  const list = useListState({ page, pageSize, q: "", sort: "", dir: "asc" });
  if (page === 1 && !totalCapped && total <= pageSize) return null;
  return <Pagination list={list} total={total} totalCapped={totalCapped} />;
}
