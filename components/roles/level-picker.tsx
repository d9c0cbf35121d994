"use client";

import {
  AREA_NAMES,
  AREAS,
  LEVEL_LABELS,
  LEVELS,
  levelRank,
  maxLevelOf,
  type Area,
  type Level,
  type Permissions,
} from "@/lib/permissions";
import { cn } from "@/lib/cn";

// One level per area. Levels above the editor's own are shown but can't be chosen;
// `readOnly` shows a role's levels without letting any be chosen (a built-in role).
export function LevelPicker({
  value,
  onChange,
  own,
  readOnly = false,
}: {
  value: Permissions;
  onChange: (value: Permissions) => void;
  own: Permissions;
  readOnly?: boolean;
}) {
  return (
    <div className="divide-y divide-border rounded-md border border-border">
      {AREA_NAMES.map((area) => (
        <fieldset key={area} className="flex items-center justify-between gap-3 px-3 py-2.5">
          <legend className="sr-only">{AREAS[area].label}</legend>
          <div className="min-w-0">
            <p className="text-sm font-medium text-foreground" aria-hidden>
              {AREAS[area].label}
            </p>
            <p className="text-xs text-muted-foreground">{AREAS[area].description}</p>
          </div>
          <div className="flex shrink-0 overflow-hidden rounded-md border border-input text-xs">
            {LEVELS.filter((level) => levelRank(level) <= levelRank(maxLevelOf(area))).map((level) => (
              <LevelOption
                key={level}
                area={area}
                level={level}
                value={value}
                own={own}
                readOnly={readOnly}
                onChange={onChange}
              />
            ))}
          </div>
        </fieldset>
      ))}
    </div>
  );
}

function LevelOption({
  area,
  level,
  value,
  own,
  readOnly,
  onChange,
}: {
  area: Area;
  level: Level;
  value: Permissions;
  own: Permissions;
  readOnly: boolean;
  onChange: (value: Permissions) => void;
}) {
  const aboveOwn = !readOnly && levelRank(level) > levelRank(own[area]);
  const checked = value[area] === level;
  return (
    <label
      title={aboveOwn ? "Above your own access: you can't grant it." : undefined}
      className={cn(
        "cursor-pointer border-l border-input px-2.5 py-1.5 first:border-l-0 has-focus-visible:outline-2 has-focus-visible:-outline-offset-2 has-focus-visible:outline-ring",
        checked
          ? "bg-primary text-primary-foreground"
          : "bg-card text-muted-foreground hover:bg-muted hover:text-foreground",
        aboveOwn && "cursor-not-allowed opacity-50 hover:bg-card hover:text-muted-foreground",
        readOnly && !checked && "cursor-default hover:bg-card hover:text-muted-foreground",
        readOnly && checked && "cursor-default",
      )}
    >
      <input
        type="radio"
        className="sr-only"
        name={`level-${area}`}
        value={level}
        checked={checked}
        disabled={aboveOwn || (readOnly && !checked)}
        readOnly={readOnly}
        aria-label={`${AREAS[area].label}: ${LEVEL_LABELS[level]}`}
        onChange={() => onChange({ ...value, [area]: level })}
      />
      {LEVEL_LABELS[level].replace(" Access", "")}
    </label>
  );
}
