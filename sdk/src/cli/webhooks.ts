import { ok } from "../client.js";
import type { BodyOf, ResponseOf } from "../types.js";
import { list, positiveInteger, text, type Command } from "./command.js";
import { CliError } from "./failure.js";
import { orNever, table } from "./output.js";

type Webhook = ResponseOf<"getWebhooksId">;
type EventType = BodyOf<"postWebhooks">["events"][number];

// Every event an endpoint can subscribe to: the compiler checks this against the API's
// own list (a missing or unknown name fails to build), so --help can show them.
const EVENTS = Object.keys({
  "api_key.created": true,
  "api_key.updated": true,
  "api_key.deleted": true,
  "api_key.rolled": true,
  "api_key.disabled": true,
  "api_key.enabled": true,
  "api_key.expiring": true,
  "api_key.expired": true,
  "api_key.leaked": true,
  "api_key.quota_threshold": true,
  "member.invited": true,
  "member.joined": true,
  "member.removed": true,
  "member.role_changed": true,
  "role.created": true,
  "role.updated": true,
  "role.deleted": true,
} satisfies Record<EventType, true>) as EventType[];

export const webhookCommands: Command[] = [
  {
    name: "webhooks list",
    args: [],
    summary: "List the account's webhook endpoints",
    options: { limit: { type: "string" }, after: { type: "string" } },
    optionHelp: [
      "--limit <n>              endpoints per page (1-100, default 20)",
      "--after <cursor>         the page after this cursor (printed under a page that has more)",
    ],
    async run({ client }, _args, options) {
      const query = { pageSize: positiveInteger(options, "limit"), after: text(options, "after") };
      const page = await ok(client.GET("/api/v1/webhooks", { params: { query } }));
      const more = page.nextCursor ? `\nMore: wisp webhooks list --after ${page.nextCursor}` : "";
      return {
        json: page,
        text:
          page.items.length === 0
            ? "No webhook endpoints."
            : table(
                ["ID", "URL", "STATE", "EVENTS", "FAILING SINCE"],
                page.items.map((webhook) => [
                  webhook.id,
                  webhook.url,
                  stateOf(webhook),
                  webhook.events.join(","),
                  orNever(webhook.failingSince).replace("never", "-"),
                ]),
              ) + more,
      };
    },
  },
  {
    name: "webhooks create",
    args: [],
    summary: "Add a webhook endpoint; its signing secret is printed this once",
    options: {
      url: { type: "string" },
      event: { type: "string", multiple: true },
      "all-events": { type: "boolean" },
      description: { type: "string" },
      disabled: { type: "boolean" },
    },
    optionHelp: [
      "--url <url>              where the events are POSTed (https://…)",
      "--event <type>           an event it receives; repeat for more. One of:",
      ...wrap(EVENTS, 72).map((line) => `                           ${line}`),
      "--all-events             every event above",
      "--description <text>     what it is for",
      "--disabled               create it switched off",
    ],
    async run({ client }, _args, options) {
      const url = text(options, "url");
      const events = options["all-events"] ? EVENTS : ((list(options, "event") ?? []) as EventType[]);
      if (!url || events.length === 0) throw new CliError("webhooks create needs --url and --event (or --all-events).");
      const body = {
        url,
        events,
        ...(text(options, "description") === undefined ? {} : { description: text(options, "description") }),
        ...(options.disabled ? { enabled: false } : {}),
      };
      const created = await ok(client.POST("/api/v1/webhooks", { body }));
      return {
        json: created,
        text: [
          `Created ${created.webhook.id} for ${created.webhook.url} (${stateOf(created.webhook)}).`,
          "Its signing secret, shown this once (verify deliveries with any Standard Webhooks library):",
          "",
          `  ${created.secret}`,
        ].join("\n"),
      };
    },
  },
  {
    name: "webhooks test",
    args: ["<id>"],
    summary: "Send the endpoint a webhook.test event",
    async run({ client }, [id]) {
      const queued = await ok(client.POST("/api/v1/webhooks/{id}/test", { params: { path: { id } } }));
      return {
        json: queued,
        text: `Queued a webhook.test event (${queued.eventId}) for ${id}; its delivery shows in the endpoint's log.`,
      };
    },
  },
];

function stateOf(webhook: Webhook): string {
  if (webhook.enabled) return "enabled";
  return webhook.disabledReason === "failing" ? "disabled (failing)" : "disabled";
}

// Names joined by ", " in lines of at most `width` characters.
function wrap(names: string[], width: number): string[] {
  const lines = [""];
  for (const name of names) {
    const last = lines.length - 1;
    if (lines[last] && lines[last].length + name.length + 2 > width) lines.push("");
    lines[lines.length - 1] += `${lines[lines.length - 1] ? " " : ""}${name},`;
  }
  lines[lines.length - 1] = lines[lines.length - 1].replace(/,$/, "");
  return lines;
}
