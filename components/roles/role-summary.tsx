import { AREA_NAMES, AREAS, LEVEL_LABELS, type Permissions } from "@/lib/permissions";
import { cn } from "@/lib/cn";

const TONE = { NONE: "text-slate-400", READ: "text-sky-700", FULL: "text-emerald-700" } as const;

// What the chosen role allows, area by area, so nobody has to guess.
export function RoleSummary({ permissions }: { permissions: Permissions }) {
  return (
    <dl
      className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 rounded-md bg-slate-50 p-3 text-xs"
      aria-label="What this role allows"
    >
      {AREA_NAMES.map((area) => (
        <div key={area} className="flex justify-between gap-2">
          <dt className="text-slate-600">{AREAS[area].label}</dt>
          <dd className={cn("font-medium", TONE[permissions[area]])}>{LEVEL_LABELS[permissions[area]]}</dd>
        </div>
      ))}
    </dl>
  );
}
