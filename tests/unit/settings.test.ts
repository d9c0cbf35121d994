import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSettings } from "@/lib/settings.mjs";

function problems(env: Record<string, string>): string[] {
  const settings = parseSettings(env);
  return settings.ok ? [] : settings.problems;
}

describe("the settings (lib/settings.mjs)", () => {
  it("has a default for every setting, and an empty variable counts as unset", () => {
    const defaults = parseSettings({});
    expect(defaults.ok && defaults.config).toMatchObject({
      port: 3000,
      dbPoolSize: 10,
      dataDir: path.resolve("data"),
      databaseUrl: "",
      appUrl: "",
      trustedProxies: [],
      sessionMaxAgeSeconds: 12 * 60 * 60,
      keyCache: true,
      testClock: false,
      redisCommandTimeoutMs: 100,
      ssoAllowPrivateNetworks: false,
    });
    expect(parseSettings({ DB_POOL_SIZE: "", PORT: "" })).toEqual(defaults);
  });

  it("reads good values with their types", () => {
    const settings = parseSettings({
      DB_POOL_SIZE: "25",
      API_KEY_FAILURE_HOLD_MS: "0",
      SESSION_IDLE_TIMEOUT: "90.5",
      APP_URL: "https://portal.example.com/",
      TRUSTED_PROXIES: " 10.0.0.0/8 , ::1,",
      DATABASE_URL: "postgresql://wisp@db.internal/wisp",
      KEY_CACHE: "off",
      WISP_TEST_CLOCK: "1",
      SSO_ALLOW_PRIVATE_NETWORKS: "1",
    });
    expect(settings.ok && settings.config).toMatchObject({
      dbPoolSize: 25,
      apiKeyFailureHoldMs: 0,
      sessionIdleTimeoutSeconds: 90.5,
      appUrl: "https://portal.example.com",
      trustedProxies: ["10.0.0.0/8", "::1"],
      databaseUrl: "postgresql://wisp@db.internal/wisp",
      keyCache: false,
      testClock: true,
      ssoAllowPrivateNetworks: true,
    });
    expect(problems({ SSO_ALLOW_PRIVATE_NETWORKS: "yes" })).toEqual([
      'SSO_ALLOW_PRIVATE_NETWORKS must be "0" or "1" (got "yes").',
    ]);
    expect(parseSettings({ AUTH_URL: "http://localhost:3000" }).ok).toBe(true);
  });

  it("names each bad variable and what it accepts, all at once", () => {
    expect(problems({ DB_POOL_SIZE: "abc" })).toEqual(['DB_POOL_SIZE must be a positive integer (got "abc").']);
    expect(problems({ DB_POOL_SIZE: "0" })).toEqual(['DB_POOL_SIZE must be a positive integer (got "0").']);
    expect(problems({ DB_POOL_SIZE: "2.5" })).toHaveLength(1);
    expect(
      problems({
        PORT: "70000",
        APP_URL: "portal.example.com",
        TRUSTED_PROXIES: "10.0.0.1,proxy.internal",
        SESSION_MAX_AGE: "-1",
        KEY_CACHE: "false",
        REDIS_COMMAND_TIMEOUT_MS: "soon",
      }),
    ).toEqual([
      'PORT must be a port number from 1 to 65535 (got "70000").',
      'APP_URL must be an http:// or https:// URL (got "portal.example.com").',
      'TRUSTED_PROXIES must be IP addresses or CIDR ranges separated by commas (got "10.0.0.1,proxy.internal").',
      'SESSION_MAX_AGE must be a positive number of seconds (got "-1").',
      'REDIS_COMMAND_TIMEOUT_MS must be a whole number of milliseconds from 1 to 60000 (got "soon").',
      'KEY_CACHE must be "on" or "off" (got "false").',
    ]);
  });

  it("never prints a value that may hold a password", () => {
    expect(problems({ DATABASE_URL: "mysql://wisp:hunter2@db/wisp", REDIS_URL: "http://:hunter2@cache" })).toEqual([
      "DATABASE_URL must be a postgres:// or postgresql:// URL.",
      "REDIS_URL must be a redis:// or rediss:// URL.",
    ]);
    expect(problems({ SMTP_URL: "smtp//mailer:hunter2@mail.example.com" })).toEqual([
      "SMTP_URL must be an smtp:// or smtps:// URL with a host.",
    ]);
  });

  it("reads the mail settings: an smtp:// or smtps:// URL and a sender", () => {
    const settings = parseSettings({
      SMTP_URL: "smtps://mailer:secret@mail.example.com:465",
      MAIL_FROM: "Wisp Portal <portal@example.com>",
    });
    expect(settings.ok && settings.config).toMatchObject({
      smtpUrl: "smtps://mailer:secret@mail.example.com:465",
      mailFrom: "Wisp Portal <portal@example.com>",
    });
    expect(parseSettings({}).ok && parseSettings({})).toMatchObject({ config: { smtpUrl: "", mailFrom: "" } });
    expect(parseSettings({ MAIL_FROM: "portal@example.com" }).ok).toBe(true);
    expect(problems({ SMTP_URL: "https://mail.example.com", MAIL_FROM: "Portal" })).toEqual([
      "SMTP_URL must be an smtp:// or smtps:// URL with a host.",
      'MAIL_FROM must be an email address, alone or as "Name <address>" (got "Portal").',
    ]);
  });
});
