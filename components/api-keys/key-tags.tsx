import Link from "next/link";
import { X } from "lucide-react";

// A key's tags as small chips; each links to the keys list filtered by that tag.
export function KeyTags({ tags }: { tags: Record<string, string> }) {
  const entries = Object.entries(tags);
  if (entries.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Tags">
      {entries.map(([name, value]) => (
        <li key={name}>
          <Link
            href={`/api-keys?tag=${encodeURIComponent(`${name}:${value}`)}`}
            title={`Keys tagged ${name}=${value}`}
            className="inline-block max-w-48 truncate rounded border border-border bg-muted px-1.5 py-0.5 font-mono text-xs text-foreground hover:border-ring hover:underline"
          >
            {name}={value}
          </Link>
        </li>
      ))}
    </ul>
  );
}

// The list's tag filter as it stands, with a way to clear it.
export function TagFilterChip({ tag, onClear }: { tag: string; onClear: () => void }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-md border border-border bg-muted px-2 py-1 text-sm text-foreground">
      Tag <code className="font-mono text-xs">{tag}</code>
      <button
        type="button"
        onClick={onClear}
        aria-label={`Clear the tag filter ${tag}`}
        className="rounded p-0.5 text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
      >
        <X className="h-3.5 w-3.5" aria-hidden />
      </button>
    </span>
  );
}
