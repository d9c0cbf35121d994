import type { SelectOption } from "@/components/ui/select";
import { createGroupAction, createNetworkAction, createUserAction } from "@/lib/actions/create-record";
import {
  deleteGroupAction,
  deleteNetworkAction,
  deleteUserAction,
  deleteVoucherAction,
} from "@/lib/actions/delete-record";
import type { ActionResult } from "@/lib/actions/result";
import {
  updateGroupAction,
  updateNetworkAction,
  updateUserAction,
  updateVoucherAction,
} from "@/lib/actions/update-record";

// What the portal's create/edit dialog of each resource shows: its fields (named as the
// API's, so the server's field errors land under them), how the typed strings become the
// API's input, and the server actions that write it.
export type FieldSpec = {
  name: string;
  label: string;
  type: "text" | "email" | "number" | "select" | "datetime" | "textarea";
  required?: string;
  options?: SelectOption[];
  hint?: string;
  min?: number;
  max?: number;
  // Only when creating (e.g. a code that is generated once).
  createOnly?: boolean;
};

export type FormValues = Record<string, string>;
export type ResourceRecord = Record<string, unknown> & { id: string };
type Action<I> = (input: I) => Promise<ActionResult<object>>;

export type FormSpec = {
  singular: string;
  plural: string;
  fields: FieldSpec[];
  blank: FormValues;
  // The record as the form's strings, and back.
  valuesOf: (record: ResourceRecord) => FormValues;
  toInput: (values: FormValues) => Record<string, unknown>;
  // What the confirmation and toasts call a record.
  nameOf: (record: ResourceRecord) => string;
  create?: Action<Record<string, unknown>>;
  update: Action<{ id: string; changes: Record<string, unknown> }>;
  remove: Action<{ id: string }>;
};

export type ResourceKind = "users" | "groups" | "networks" | "vouchers";

const text = (value: unknown) => (typeof value === "string" ? value : "");

// <input type="datetime-local"> speaks local time without a zone; the API speaks ISO 8601.
export function localDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function isoDateTime(local: string): string | null {
  if (!local.trim()) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

// An empty number field goes to the server as NaN, which its schema refuses with a message.
export const numberOf = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));

export const FORM_SPECS: Record<ResourceKind, FormSpec> = {
  users: {
    singular: "user",
    plural: "users",
    fields: [
      {
        name: "username",
        label: "Username",
        type: "text",
        required: "Enter a username.",
        hint: "Letters, digits and . _ @ + - only.",
      },
      { name: "email", label: "Email", type: "email", hint: "Optional." },
      { name: "fullName", label: "Name", type: "text", hint: "Optional." },
      {
        name: "status",
        label: "Status",
        type: "select",
        options: [
          { value: "enabled", label: "Enabled" },
          { value: "disabled", label: "Disabled" },
        ],
      },
    ],
    blank: { username: "", email: "", fullName: "", status: "enabled" },
    valuesOf: (user) => ({
      username: text(user.username),
      email: text(user.email),
      fullName: text(user.fullName),
      status: text(user.status) || "enabled",
    }),
    toInput: (values) => ({
      username: values.username,
      email: values.email.trim() || null,
      fullName: values.fullName,
      status: values.status,
    }),
    nameOf: (user) => text(user.username),
    create: createUserAction,
    update: updateUserAction,
    remove: deleteUserAction,
  },
  groups: {
    singular: "group",
    plural: "groups",
    fields: [
      { name: "name", label: "Name", type: "text", required: "Enter a name." },
      { name: "description", label: "Description", type: "textarea", hint: "Optional." },
    ],
    blank: { name: "", description: "" },
    valuesOf: (group) => ({ name: text(group.name), description: text(group.description) }),
    toInput: (values) => ({ name: values.name, description: values.description }),
    nameOf: (group) => text(group.name),
    create: createGroupAction,
    update: updateGroupAction,
    remove: deleteGroupAction,
  },
  networks: {
    singular: "network",
    plural: "networks",
    fields: [
      { name: "name", label: "Name", type: "text", required: "Enter a name." },
      { name: "ssid", label: "SSID", type: "text", required: "Enter an SSID.", hint: "At most 32 characters." },
      { name: "description", label: "Description", type: "textarea", hint: "Optional." },
    ],
    blank: { name: "", ssid: "", description: "" },
    valuesOf: (network) => ({
      name: text(network.name),
      ssid: text(network.ssid),
      description: text(network.description),
    }),
    toInput: (values) => ({ name: values.name, ssid: values.ssid, description: values.description }),
    nameOf: (network) => text(network.name),
    create: createNetworkAction,
    update: updateNetworkAction,
    remove: deleteNetworkAction,
  },
  // Created by the batch dialog (create-vouchers-dialog.tsx); edited here.
  vouchers: {
    singular: "voucher",
    plural: "vouchers",
    fields: [
      {
        name: "validitySeconds",
        label: "Validity (minutes)",
        type: "number",
        required: "Enter the validity in minutes.",
        min: 1,
        max: 525_600,
        hint: "How long a voucher works once first used: 1 minute to a year.",
      },
      {
        name: "usageLimit",
        label: "Usage limit",
        type: "number",
        required: "Enter a usage limit.",
        min: 1,
        max: 10_000,
      },
      {
        name: "expiresAt",
        label: "Expires",
        type: "datetime",
        hint: "Optional: after this, the voucher can't be used.",
      },
    ],
    blank: { validitySeconds: "60", usageLimit: "1", expiresAt: "" },
    valuesOf: (voucher) => ({
      validitySeconds: String(Number(voucher.validitySeconds) / 60),
      usageLimit: String(voucher.usageLimit),
      expiresAt: localDateTime(voucher.expiresAt as string | null),
    }),
    toInput: (values) => ({
      validitySeconds: Math.round(numberOf(values.validitySeconds) * 60),
      usageLimit: numberOf(values.usageLimit),
      expiresAt: isoDateTime(values.expiresAt),
    }),
    nameOf: (voucher) => text(voucher.code),
    update: updateVoucherAction,
    remove: deleteVoucherAction,
  },
};

// Fields left empty that must not be, checked before asking the server.
export function missingFields(fields: FieldSpec[], values: FormValues) {
  const errors: Record<string, string[]> = {};
  for (const field of fields) if (field.required && !values[field.name]?.trim()) errors[field.name] = [field.required];
  return Object.keys(errors).length ? errors : undefined;
}
