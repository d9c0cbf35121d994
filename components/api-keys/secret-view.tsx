import { TriangleAlert } from "lucide-react";
import { CopyButton } from "@/components/ui/copy-button";

export function SecretView({ secret }: { secret: string }) {
  return (
    <div className="space-y-3">
      <div className="flex items-start gap-2">
        <code
          data-testid="new-key-secret"
          className="block min-w-0 flex-1 rounded-md border border-border bg-muted px-3 py-2 font-mono text-sm break-all text-foreground select-all"
        >
          {secret}
        </code>
        <CopyButton value={secret} label="Copy" />
      </div>
      <p className="flex gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
        <TriangleAlert className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
        This key will not be shown again. If you lose it, delete it and create a new one.
      </p>
    </div>
  );
}
