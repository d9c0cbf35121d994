import { z } from "zod";
import { isoDate } from "./common";
import { singleLine } from "./text";
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

export const roleNameSchema = singleLine("Enter a name for the role.", 60);

export const createRoleSchema = z.strictObject({ name: roleNameSchema, permissions: permissionsInputSchema });
// The portal's role dialog: creates a role, or saves one when an id is given.
export const saveRoleSchema = createRoleSchema.extend({ id: z.uuid().optional() });
export const updateRoleSchema = z.strictObject({ name: roleNameSchema, permissions: permissionsInputSchema }).partial();

export const roleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  builtIn: z.boolean(),
  permissions: z.record(z.enum(AREA_NAMES as [Area, ...Area[]]), z.enum(LEVELS)),
  usage: z.object({ members: z.number().int(), apiKeys: z.number().int() }),
  createdAt: isoDate,
});
export type RoleJson = z.infer<typeof roleSchema>;
