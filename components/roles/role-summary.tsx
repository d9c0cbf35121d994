import { AREA_NAMES, AREAS, LEVEL_LABELS, type Permissions } from "@/lib/permissions";
import { cn } from "@/lib/cn";

const TONE = {
  NONE: "text-muted-foreground",
  READ: "text-sky-700 dark:text-sky-300",
  FULL: "text-emerald-700 dark:text-emerald-300",
} as const;

// What the chosen role allows, area by area, so nobody has to guess.
export function RoleSummary({ permissions }: { permissions: Permissions }) {
  return (
    <dl
      className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 rounded-md border border-border bg-muted p-3 text-xs sm:grid-cols-2"
      aria-label="What this role allows"
    >
      {AREA_NAMES.map((area) => (
        <div key={area} className="flex justify-between gap-2">
          <dt className="text-muted-foreground">{AREAS[area].label}</dt>
          <dd className={cn("font-medium", TONE[permissions[area]])}>{LEVEL_LABELS[permissions[area]]}</dd>
        </div>
      ))}
    </dl>
  );
}
