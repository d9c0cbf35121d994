"use client";

import { Popover as PopoverPrimitive } from "radix-ui";
import { Check, ChevronDown, X } from "lucide-react";
import { useId, useMemo, useRef, useState } from "react";
import { cn } from "@/lib/cn";

export type MultiSelectOption = { value: string; label: string; note?: string };

// A searchable multi-select in shadcn's manner: a trigger button opens a Radix popover with
// a search box (a combobox) that filters a listbox of options, each toggled by click, Enter
// or Space; arrow keys move through the list while typing. The choices show as chips under
// the trigger, each with its own remove button. Values not among the options (a deleted
// record) still show, as `missingLabel`, so they can be removed.
export function MultiSelect({
  id,
  value,
  onValueChange,
  options,
  placeholder = "Choose…",
  searchPlaceholder = "Search…",
  emptyText = "Nothing matches.",
  missingLabel = "(deleted)",
  invalid,
}: {
  id: string;
  value: string[];
  onValueChange: (value: string[]) => void;
  options: MultiSelectOption[];
  placeholder?: string;
  searchPlaceholder?: string;
  emptyText?: string;
  missingLabel?: string;
  invalid?: boolean;
}) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? options.filter((option) => option.label.toLowerCase().includes(q)) : options;
  }, [options, query]);
  const labelOf = (item: string) => options.find((option) => option.value === item)?.label ?? missingLabel;
  const toggle = (item: string) =>
    onValueChange(value.includes(item) ? value.filter((chosen) => chosen !== item) : [...value, item]);
  const optionId = (index: number) => `${listId}-option-${index}`;

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => (shown.length === 0 ? 0 : (index + step + shown.length) % shown.length));
    } else if (event.key === "Enter" || (event.key === " " && query === "")) {
      event.preventDefault();
      const option = shown[active];
      if (option) toggle(option.value);
    }
  }

  return (
    <div className="space-y-2">
      <PopoverPrimitive.Root
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          setQuery("");
          setActive(0);
        }}
      >
        <PopoverPrimitive.Trigger
          id={id}
          type="button"
          aria-invalid={invalid || undefined}
          className={cn(
            "flex h-9 w-full items-center justify-between gap-2 rounded-md border border-input bg-card px-3 text-left text-sm text-foreground shadow-xs",
            "focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring aria-invalid:border-destructive",
          )}
        >
          <span className={cn("min-w-0 truncate", value.length === 0 && "text-muted-foreground")}>
            {value.length === 0 ? placeholder : `${value.length} chosen`}
          </span>
          <ChevronDown className="h-4 w-4 shrink-0 text-muted-foreground" aria-hidden />
        </PopoverPrimitive.Trigger>
        <PopoverPrimitive.Portal>
          <PopoverPrimitive.Content
            aria-label={searchPlaceholder}
            align="start"
            sideOffset={4}
            onOpenAutoFocus={(event) => {
              event.preventDefault();
              input.current?.focus();
            }}
            className="z-50 w-(--radix-popover-trigger-width) max-w-[calc(100vw-2rem)] rounded-md border border-border bg-card text-foreground shadow-lg"
          >
            <input
              ref={input}
              role="combobox"
              aria-expanded
              aria-controls={listId}
              aria-autocomplete="list"
              aria-label={searchPlaceholder}
              aria-activedescendant={shown[active] ? optionId(active) : undefined}
              value={query}
              placeholder={searchPlaceholder}
              onChange={(event) => {
                setQuery(event.target.value);
                setActive(0);
              }}
              onKeyDown={onKeyDown}
              className="block w-full border-b border-border bg-transparent px-3 py-2 text-sm outline-none placeholder:text-muted-foreground"
            />
            <ul
              id={listId}
              role="listbox"
              aria-multiselectable
              aria-label={placeholder}
              className="max-h-60 overflow-y-auto p-1"
            >
              {shown.length === 0 ? (
                <li role="presentation" className="px-3 py-2 text-sm text-muted-foreground">
                  {emptyText}
                </li>
              ) : (
                shown.map((option, index) => {
                  const selected = value.includes(option.value);
                  return (
                    <li
                      key={option.value}
                      id={optionId(index)}
                      role="option"
                      aria-selected={selected}
                      data-active={index === active || undefined}
                      onMouseDown={(event) => event.preventDefault()}
                      onMouseMove={() => setActive(index)}
                      onClick={() => toggle(option.value)}
                      className="relative flex cursor-default items-center rounded py-1.5 pr-2 pl-8 text-sm select-none data-active:bg-accent data-active:text-accent-foreground"
                    >
                      {selected ? <Check className="absolute left-2 h-4 w-4" aria-hidden /> : null}
                      <span className="min-w-0 [overflow-wrap:anywhere]">{option.label}</span>
                      {option.note ? (
                        <span className="ml-auto shrink-0 pl-2 text-xs text-muted-foreground">{option.note}</span>
                      ) : null}
                    </li>
                  );
                })
              )}
            </ul>
          </PopoverPrimitive.Content>
        </PopoverPrimitive.Portal>
      </PopoverPrimitive.Root>
      {value.length > 0 ? (
        <ul className="flex flex-wrap gap-1.5" aria-label="Chosen">
          {value.map((item) => (
            <li
              key={item}
              className="inline-flex max-w-full items-center gap-1 rounded-full border border-border bg-muted py-0.5 pr-1 pl-2.5 text-xs text-foreground"
            >
              <span className="min-w-0 truncate">{labelOf(item)}</span>
              <button
                type="button"
                onClick={() => toggle(item)}
                aria-label={`Remove ${labelOf(item)}`}
                className="rounded-full p-0.5 hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
              >
                <X className="h-3 w-3" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
