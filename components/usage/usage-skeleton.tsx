// What stands in for a usage panel while its figures are read.
export function UsageSkeleton({ title = "Usage" }: { title?: string }) {
  return (
    <section aria-busy="true" aria-label={title} className="rounded-lg border border-border bg-card p-4" id="usage">
      <h2 className="text-base font-semibold text-foreground">{title}</h2>
      <p className="mt-4 text-sm text-muted-foreground">Loading usage…</p>
      <div className="mt-4 h-64 animate-pulse rounded-md bg-muted motion-reduce:animate-none" />
    </section>
  );
}
