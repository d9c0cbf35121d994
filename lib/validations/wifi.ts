import { z } from "zod";
import { dateTimeInput, isoDate } from "./common";
import { multiLine, singleLine } from "./text";

// The Wi-Fi resources (lib/wifi/): users, groups, networks and vouchers, as the API and
// the portal's dialogs send and read them.

// The network a user, group or voucher belongs to: a key scoped to that network reaches it.
const networkIdSchema = z
  .uuid("Send the id of a network of this account, or null.")
  .nullable()
  .meta({ description: "The network it belongs to (a key scoped to the network reaches it); null: none." });
const networkIdOutput = z.uuid().nullable().meta({ description: "The network it belongs to; null: none." });

const userFields = {
  username: z
    .string()
    .trim()
    .min(1, "Enter a username.")
    .max(64)
    .regex(/^[A-Za-z0-9._@+-]+$/, "Use letters, digits and . _ @ + - only."),
  fullName: multiLine(100).refine((value) => !/[\t\n]/.test(value), "Use one line."),
  email: z.email("Enter a valid email address.").nullable(),
  status: z.enum(["enabled", "disabled"]),
  networkId: networkIdSchema,
};

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  status: z.enum(["enabled", "disabled"]),
  createdAt: isoDate,
  lastSeenAt: isoDate.nullable(),
  networkId: networkIdOutput,
});
export type UserJson = z.infer<typeof userSchema>;

export const createUserSchema = z.strictObject({
  username: userFields.username,
  fullName: userFields.fullName.default(""),
  email: userFields.email.default(null),
  status: userFields.status.default("enabled"),
  networkId: networkIdSchema.default(null),
});
export const updateUserSchema = z.strictObject(userFields).partial();

const groupFields = {
  name: singleLine("Enter a name.", 100),
  description: multiLine(500),
  networkId: networkIdSchema,
};

export const groupSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  networkId: networkIdOutput,
  createdAt: isoDate,
  members: z.array(z.object({ userId: z.uuid(), username: z.string(), priority: z.number().int() })),
});
export type GroupJson = z.infer<typeof groupSchema>;

export const createGroupSchema = z.strictObject({
  ...groupFields,
  description: groupFields.description.default(""),
  networkId: networkIdSchema.default(null),
});
export const updateGroupSchema = z.strictObject(groupFields).partial();

const groupIdSchema = z.uuid("Send the id of a group of this account.");
const userIdSchema = z.uuid("Send the id of a user of this account.");

export const groupMemberInputSchema = z.strictObject({
  userId: userIdSchema,
  priority: z.coerce.number().int().min(1, "Priority is 1 to 10.").max(10, "Priority is 1 to 10.").default(5),
});
export type GroupMemberInput = z.infer<typeof groupMemberInputSchema>;

// The portal's group membership changes (lib/actions/*-group-member.ts).
export const addGroupMemberSchema = groupMemberInputSchema.extend({ groupId: groupIdSchema });
export const removeGroupMemberSchema = z.strictObject({ groupId: groupIdSchema, userId: userIdSchema });

const networkFields = {
  name: singleLine("Enter a name.", 100),
  ssid: singleLine("Enter an SSID.", 32, "An SSID has at most 32 characters."),
  description: multiLine(500),
};

export const networkSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  ssid: z.string(),
  description: z.string(),
  createdAt: isoDate,
});
export type NetworkJson = z.infer<typeof networkSchema>;

export const createNetworkSchema = z.strictObject({
  ...networkFields,
  description: networkFields.description.default(""),
});
export const updateNetworkSchema = z.strictObject(networkFields).partial();

export const MAX_VOUCHER_BATCH = 1000;

const voucherFields = {
  validitySeconds: z.number().int().min(60, "At least 60 seconds.").max(31_536_000, "At most a year."),
  usageLimit: z.number().int().min(1).max(10_000),
  expiresAt: dateTimeInput().nullable(),
  networkId: networkIdSchema,
};

export const voucherSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  validitySeconds: z.number().int(),
  usageLimit: z.number().int(),
  usedCount: z.number().int(),
  expiresAt: isoDate.nullable(),
  networkId: networkIdOutput,
  createdAt: isoDate,
});
export type VoucherJson = z.infer<typeof voucherSchema>;

export const voucherBatchSchema = z.strictObject({
  count: z.number().int().min(1).max(MAX_VOUCHER_BATCH, `At most ${MAX_VOUCHER_BATCH} vouchers at once.`),
  prefix: z
    .string()
    .trim()
    .max(16)
    .regex(/^[A-Za-z0-9-]*$/, "Use letters, digits and - only.")
    .default(""),
  validitySeconds: voucherFields.validitySeconds,
  usageLimit: voucherFields.usageLimit.default(1),
  expiresAt: voucherFields.expiresAt.default(null),
  networkId: voucherFields.networkId.default(null),
});
export type VoucherBatchInput = z.infer<typeof voucherBatchSchema>;

// What POST /api/v1/vouchers/batch returns.
export const voucherBatchResultSchema = z.object({ items: z.array(voucherSchema), total: z.number().int() });

export const createVoucherSchema = z.strictObject({
  prefix: voucherBatchSchema.shape.prefix,
  validitySeconds: voucherFields.validitySeconds,
  usageLimit: voucherFields.usageLimit.default(1),
  expiresAt: voucherFields.expiresAt.default(null),
  networkId: voucherFields.networkId.default(null),
});
export const updateVoucherSchema = z.strictObject(voucherFields).partial();
