import { ok } from "../client.js";
import type { ApiKey, ApiKeyDetail, CreatedApiKey, GracePeriod, UpdateApiKeyInput } from "../types.js";
import { list, oneOf, positiveInteger, text, type Command, type Context, type Options } from "./command.js";
import { CliError, EXIT } from "./failure.js";
import { fields, orNever, table } from "./output.js";

const STATES = ["active", "expiring", "disabled", "expired"] as const;
const GRACE_PERIODS: GracePeriod[] = ["now", "1h", "24h", "7d"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const keyPath = (keyId: string) => ({ params: { path: { keyId } } });

// The fields create and update share.
const EDIT_OPTIONS = {
  name: { type: "string" },
  role: { type: "string" },
  "expires-at": { type: "string" },
  "allow-ip": { type: "string", multiple: true },
} as const;
const EDIT_HELP = [
  "--name <name>            the key's name",
  "--role <role>            a role's name (e.g. Owner, Read Only) or id",
  "--expires-at <time>      an ISO 8601 date-time (2027-01-31T12:00:00Z), or never",
  "--allow-ip <range>       an address or CIDR range it may be used from; repeat for more",
];

export const keyCommands: Command[] = [
  {
    name: "keys list",
    args: [],
    summary: "List the account's API keys, newest first",
    options: {
      search: { type: "string" },
      state: { type: "string" },
      limit: { type: "string" },
      after: { type: "string" },
      all: { type: "boolean" },
    },
    optionHelp: [
      "--search <text>          part of the name or Key ID",
      `--state <state>          only keys that are ${STATES.join(", ")}`,
      "--limit <n>              keys per page (1-100, default 20)",
      "--after <cursor>         the page after this cursor (printed under a page that has more)",
      "--all                    every page",
    ],
    async run({ client }, _args, options) {
      const query = {
        q: text(options, "search"),
        state: oneOf(options, "state", STATES),
        pageSize: positiveInteger(options, "limit"),
        after: text(options, "after"),
      };
      const page = await ok(client.GET("/api/v1/api-keys", { params: { query } }));
      const items = [...page.items];
      let nextCursor = page.nextCursor;
      while (options.all && nextCursor) {
        const next = await ok(client.GET("/api/v1/api-keys", { params: { query: { ...query, after: nextCursor } } }));
        items.push(...next.items);
        nextCursor = next.nextCursor;
      }
      const more = nextCursor ? `\nMore: wisp keys list --after ${nextCursor}` : "";
      return {
        json: options.all ? { items } : page,
        text: items.length === 0 ? "No keys." : keyTable(items) + more,
      };
    },
  },
  {
    name: "keys create",
    args: [],
    summary: "Create a key; its secret is printed this once",
    options: { ...EDIT_OPTIONS, disabled: { type: "boolean" } },
    optionHelp: [...EDIT_HELP, "--disabled               create it disabled"],
    async run(context, _args, options) {
      const name = text(options, "name");
      const role = text(options, "role");
      if (!name || !role) throw new CliError("keys create needs --name and --role.");
      const body = {
        name,
        roleId: await roleIdOf(context, role),
        ...editedFields(options),
        ...(options.disabled ? { enabled: false } : {}),
      };
      const created = await ok(context.client.POST("/api/v1/api-keys", { body }));
      return { json: created, text: secretText(created, "Created") };
    },
  },
  {
    name: "keys get",
    args: ["<keyId>"],
    summary: "Show a key and its roll history",
    async run({ client }, [keyId]) {
      const key = await ok(client.GET("/api/v1/api-keys/{keyId}", keyPath(keyId)));
      return { json: key, text: keyText(key) };
    },
  },
  {
    name: "keys update",
    args: ["<keyId>"],
    summary: "Rename a key, or change its role, expiry or IP allowlist",
    options: { ...EDIT_OPTIONS, "any-ip": { type: "boolean" } },
    optionHelp: [...EDIT_HELP, "--any-ip                 empty its IP allowlist: usable from anywhere"],
    async run(context, [keyId], options) {
      const role = text(options, "role");
      const body: UpdateApiKeyInput = {
        ...(text(options, "name") === undefined ? {} : { name: text(options, "name") }),
        ...(role === undefined ? {} : { roleId: await roleIdOf(context, role) }),
        ...editedFields(options),
        ...(options["any-ip"] ? { ipAllowlist: [] } : {}),
      };
      if (Object.keys(body).length === 0) {
        throw new CliError("keys update needs at least one of --name, --role, --expires-at, --allow-ip, --any-ip.");
      }
      const key = await ok(context.client.PATCH("/api/v1/api-keys/{keyId}", { ...keyPath(keyId), body }));
      return { json: key, text: `Updated ${key.keyId}.\n\n${keyText(key)}` };
    },
  },
  {
    name: "keys roll",
    args: ["<keyId>"],
    summary: "Give a key a new secret (printed this once); the old one works for the grace period",
    options: { grace: { type: "string" } },
    optionHelp: [
      `--grace <period>         how long the old secret keeps working: ${GRACE_PERIODS.join(", ")} (default 24h)`,
    ],
    async run({ client }, [keyId], options) {
      const gracePeriod = oneOf(options, "grace", GRACE_PERIODS) ?? "24h";
      const rolled = await ok(
        client.POST("/api/v1/api-keys/{keyId}/roll", { ...keyPath(keyId), body: { gracePeriod } }),
      );
      const previous = rolled.secrets.find((secret) => secret.state === "grace");
      const grace = previous
        ? `The previous secret keeps working until ${previous.validUntil}.`
        : "The previous secret no longer works.";
      return { json: rolled, text: `${secretText(rolled, "Rolled")}\n${grace}` };
    },
  },
  ...(["disable", "enable"] as const).map((verb): Command => ({
    name: `keys ${verb}`,
    args: ["<keyId>"],
    summary:
      verb === "disable" ? "Disable a key: refused from its next request until enabled" : "Enable a disabled key",
    async run({ client }, [keyId]) {
      const body = { enabled: verb === "enable" };
      const key = await ok(client.PATCH("/api/v1/api-keys/{keyId}", { ...keyPath(keyId), body }));
      return { json: key, text: `${key.keyId} (${key.name}) is ${key.state}.` };
    },
  })),
  {
    name: "keys delete",
    args: ["<keyId>"],
    summary: "Delete a key for good: refused from its next request",
    options: { yes: { type: "boolean" } },
    optionHelp: ["--yes                    confirm: a deleted key can't be brought back"],
    async run({ client }, [keyId], options) {
      if (!options.yes)
        throw new CliError(`Deleting a key can't be undone: run it again with --yes to delete ${keyId}.`);
      await ok(client.DELETE("/api/v1/api-keys/{keyId}", keyPath(keyId)));
      return { json: { keyId, deleted: true }, text: `Deleted ${keyId}.` };
    },
  },
];

// Expiry and IP allowlist as the API takes them.
function editedFields(options: Options): Pick<UpdateApiKeyInput, "expiresAt" | "ipAllowlist"> {
  const expiresAt = text(options, "expires-at");
  const allowlist = list(options, "allow-ip");
  return {
    ...(expiresAt === undefined ? {} : { expiresAt: expiresAt === "never" ? null : expiresAt }),
    ...(allowlist === undefined ? {} : { ipAllowlist: allowlist }),
  };
}

// A role's id from its id or its name (names compared without regard to case).
async function roleIdOf({ client }: Context, role: string): Promise<string> {
  if (UUID.test(role)) return role;
  let after: string | undefined;
  do {
    const page = await ok(client.GET("/api/v1/roles", { params: { query: { pageSize: 100, after } } }));
    const found = page.items.find((candidate) => candidate.name.toLowerCase() === role.toLowerCase());
    if (found) return found.id;
    after = page.nextCursor ?? undefined;
  } while (after);
  throw new CliError(`Not found: no role named "${role}" in this account.`, EXIT.notFound);
}

function keyTable(keys: ApiKey[]): string {
  return table(
    ["KEY ID", "NAME", "ROLE", "STATE", "EXPIRES", "LAST USED"],
    keys.map((key) => [key.keyId, key.name, key.role.name, key.state, orNever(key.expiresAt), orNever(key.lastUsedAt)]),
  );
}

function keyText(key: ApiKeyDetail): string {
  const limits = [
    key.rateLimit?.perSecond ? `${key.rateLimit.perSecond}/s` : null,
    key.rateLimit?.perMinute ? `${key.rateLimit.perMinute}/min` : null,
    key.quota ? `quota ${key.quota.limit}/${key.quota.period}` : null,
  ].filter((limit) => limit !== null);
  return [
    fields([
      ["Key ID", key.keyId],
      ["Name", key.name],
      ["Role", key.role.name],
      ["State", key.state + (key.leakReport ? ` (reported leaked: ${key.leakReport.source})` : "")],
      ["Starts with", key.start],
      ["Expires", orNever(key.expiresAt)],
      ["IP allowlist", key.ipAllowlist.length > 0 ? key.ipAllowlist.join(", ") : "any address"],
      ["Limits", limits.length > 0 ? limits.join(", ") : "none"],
      ["Created", `${key.createdAt}${key.createdBy ? ` by ${key.createdBy}` : ""}`],
      ["Last used", key.lastUsedAt ? `${key.lastUsedAt} from ${key.lastUsedAddress}` : "never"],
    ]),
    "",
    table(
      ["SECRET", "CREATED", "STATE", "VALID UNTIL"],
      key.secrets.map((secret) => [secret.start + "…", secret.createdAt, secret.state, secret.validUntil ?? ""]),
    ),
  ].join("\n");
}

function secretText(key: CreatedApiKey, verb: string): string {
  return [
    `${verb} ${key.keyId} (${key.name}, role ${key.role.name}). Its secret, shown this once:`,
    "",
    `  ${key.secret}`,
    "",
    "Store it now (e.g. in your secret manager): the portal keeps only its hash.",
  ].join("\n");
}
