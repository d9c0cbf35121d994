import { z } from "zod";
import { AREA_NAMES, AREAS, LEVELS, maxLevelOf, type Area, type Level } from "@/lib/permissions";

const levelSchema = z.enum(LEVELS);

// One level per area; an area left out is No Access. Read-only areas refuse Full.
export const permissionsInputSchema = z
  .partialRecord(z.enum(AREA_NAMES as [Area, ...Area[]]), levelSchema)
  .superRefine((value, ctx) => {
    for (const [area, level] of Object.entries(value) as [Area, Level][]) {
      if (level === "FULL" && maxLevelOf(area) !== "FULL") {
        ctx.addIssue({ code: "custom", path: [area], message: `${AREAS[area].label} can be at most Read Access.` });
      }
    }
  });

export const roleNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name for the role.")
  .max(60, "Use at most 60 characters.");

export const createRoleSchema = z.strictObject({ name: roleNameSchema, permissions: permissionsInputSchema });
export const updateRoleSchema = z.strictObject({ name: roleNameSchema, permissions: permissionsInputSchema }).partial();
