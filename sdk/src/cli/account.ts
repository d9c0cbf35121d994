import { ok } from "../client.js";
import type { Usage } from "../types.js";
import { oneOf, text, type Command } from "./command.js";
import { fields, table } from "./output.js";

const GRANULARITIES = ["minute", "hour", "day"] as const;

export const accountCommands: Command[] = [
  {
    name: "whoami",
    args: [],
    summary: "The key in use: its account, role and permissions",
    async run({ client, baseUrl }) {
      const me = await ok(client.GET("/api/v1/whoami"));
      const permissions = Object.entries(me.permissions)
        .filter(([, level]) => level !== "NONE")
        .map(([area, level]) => `${area}: ${level === "FULL" ? "full" : "read"}`);
      return {
        json: me,
        text: fields([
          ["Portal", baseUrl],
          ["Key", `${me.keyId} (${me.name})`],
          ["Account", `${me.account.name} (${me.account.id})`],
          ["Role", me.role.name],
          ["Permissions", permissions.length > 0 ? permissions.join(", ") : "none"],
          ["Quota", me.quota ? `${me.quota.remaining} of ${me.quota.limit} per ${me.quota.period} left` : "none"],
        ]),
      };
    },
  },
  {
    name: "usage",
    args: [],
    summary: "Requests by outcome, error rate and busiest operations (all keys, or one)",
    options: {
      key: { type: "string" },
      granularity: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
    },
    optionHelp: [
      "--key <keyId>            one key's usage (default: all the account's keys)",
      `--granularity <unit>     ${GRANULARITIES.join(", ")} (default hour: the last 30 days)`,
      "--from <time>            start, ISO 8601",
      "--to <time>              end, ISO 8601 (default now)",
    ],
    async run({ client }, _args, options) {
      const query = {
        granularity: oneOf(options, "granularity", GRANULARITIES),
        from: text(options, "from"),
        to: text(options, "to"),
      };
      const keyId = text(options, "key");
      const usage = keyId
        ? await ok(client.GET("/api/v1/api-keys/{keyId}/usage", { params: { path: { keyId }, query } }))
        : await ok(client.GET("/api/v1/usage", { params: { query } }));
      return { json: usage, text: usageText(usage) };
    },
  },
];

function usageText(usage: Usage): string {
  const { totals } = usage;
  const outcomes = Object.entries(totals.byOutcome)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${outcome} ${count}`);
  const lines = [
    fields([
      ["Keys", usage.keyId ?? "all"],
      ["From", usage.from],
      ["To", usage.to],
      ["Requests", String(totals.requests)],
      ["By outcome", outcomes.length > 0 ? outcomes.join(", ") : "none"],
      ["Error rate", `${(totals.errorRate * 100).toFixed(1)} %`],
      ["Mean latency", totals.averageLatencyMs === null ? "n/a" : `${totals.averageLatencyMs.toFixed(1)} ms`],
    ]),
  ];
  if (usage.topRoutes.length > 0) {
    lines.push(
      "",
      table(
        ["OPERATION", "REQUESTS", "ERRORS"],
        usage.topRoutes.map((route) => [route.operation, String(route.requests), String(route.errors)]),
      ),
    );
  }
  return lines.join("\n");
}
