import { CopyButton } from "@/components/ui/copy-button";

// How to call the API with a key, shown under the keys table.
export function CurlExample({ origin }: { origin: string }) {
  const command = `curl -H "Authorization: Bearer $WISP_API_KEY" ${origin}/api/v1/whoami`;
  return (
    <section className="rounded-lg border border-border bg-card p-4 text-sm" aria-label="Using a key">
      <div className="flex items-center justify-between gap-4">
        <p className="text-muted-foreground">
          Call the API with a key in the <code className="font-mono text-xs">Authorization</code> header.{" "}
          <a href="/api/reference" className="font-medium text-link hover:underline">
            API reference
          </a>
        </p>
        <CopyButton value={command} label="Copy curl command" subtle />
      </div>
      <pre className="mt-2 rounded-md bg-slate-900 px-3 py-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-100 dark:bg-black/50">
        {command}
      </pre>
    </section>
  );
}
