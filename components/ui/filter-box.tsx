"use client";

import { Search } from "lucide-react";
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/input";
import type { ListState } from "@/components/ui/use-list-state";

// A list's search field: filters on the server after a pause in typing, back to page 1.
export function FilterBox({ list, label }: { list: ListState; label: string }) {
  const [text, setText] = useState(list.q);
  useEffect(() => {
    if (text.trim() === list.q) return;
    const timer = setTimeout(() => list.update({ q: text.trim(), page: 1 }), 300);
    return () => clearTimeout(timer);
  }, [text, list]);
  return (
    <div className="relative w-full sm:max-w-xs">
      <Search className="pointer-events-none absolute top-2.5 left-3 h-4 w-4 text-muted-foreground" aria-hidden />
      <Input
        type="search"
        aria-label={label}
        placeholder={label}
        className="pl-9"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </div>
  );
}
