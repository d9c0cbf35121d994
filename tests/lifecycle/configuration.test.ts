import { describe, expect, it } from "vitest";
import { spawnServer } from "../helpers/server";

// A bad setting stops the start before the server listens: exit 1, every bad variable named
// with what it accepts (lib/settings.mjs), whether started directly or by `npm start`.
describe("a bad setting", () => {
  it("stops node scripts/serve.mjs with exit 1, naming the variable, before it listens", async () => {
    const server = spawnServer(3354, {
      DB_POOL_SIZE: "abc",
      SHUTDOWN_TIMEOUT_MS: "soon",
      REDIS_COMMAND_TIMEOUT_MS: "0",
    });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.output()).toContain('Invalid configuration: DB_POOL_SIZE must be a positive integer (got "abc").');
    expect(server.output()).toContain("Invalid configuration: SHUTDOWN_TIMEOUT_MS must be");
    expect(server.output()).toContain(
      'Invalid configuration: REDIS_COMMAND_TIMEOUT_MS must be a whole number of milliseconds from 1 to 60000 (got "0").',
    );
    expect(server.output()).not.toContain("Starting Wisp Portal");
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });

  it("stops npm start the same way, before any build", async () => {
    const npm = spawnServer(3355, { DB_POOL_SIZE: "abc" }, ["npm", "start", "--silent"]);
    const { code } = await npm.exited;
    expect(code).toBe(1);
    expect(npm.output()).toContain('Invalid configuration: DB_POOL_SIZE must be a positive integer (got "abc").');
    expect(npm.output()).not.toContain("Building");
  });
});
