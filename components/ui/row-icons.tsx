"use client";

import { Copy, Eye, History, Pencil, Trash2 } from "lucide-react";

// The icons every row of a list repeats (Edit, View, Delete, History, Copy): drawn once per
// page as <symbol>s (RowIconSprite, in the root layout), each row's icon a <use> of one.
// A page of 20 keys carries 80 short references instead of 80 copies of the paths (33 KB
// of the API Keys page's HTML) and the server renders a fifth of the elements (issue 29).
// A client module, so the sprite is in the HTML only, not again in the page's RSC data.
const ICONS = { pencil: Pencil, eye: Eye, trash: Trash2, history: History, copy: Copy } as const;

export type RowIconName = keyof typeof ICONS;

export function RowIconSprite() {
  return (
    // Out of sight but not display:none, which some browsers apply to what <use> draws.
    <svg aria-hidden="true" focusable="false" className="pointer-events-none absolute h-0 w-0 overflow-hidden">
      {Object.entries(ICONS).map(([name, Icon]) => (
        <symbol key={name} id={`row-icon-${name}`} viewBox="0 0 24 24">
          <Icon />
        </symbol>
      ))}
    </svg>
  );
}

export function RowIcon({ name, className }: { name: RowIconName; className: string }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" className={className}>
      <use href={`#row-icon-${name}`} />
    </svg>
  );
}
