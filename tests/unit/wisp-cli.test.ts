import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createWispClient, WispApiError, WispNetworkError } from "@wisp-portal/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { describe as describeError, exitCodeOf } from "../../sdk/src/cli/failure";
import { COMMANDS, GLOBAL_OPTIONS, run } from "../../sdk/src/cli/main";

// The parts of the SDK and the wisp command that need no portal: error mapping, exit
// codes, argument checks. (tests/api/sdk.test.ts and cli.test.ts run them against one.)
const PORTAL = "http://portal.test";

function apiError(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new WispApiError(new Response(null, { status, headers }), body);
}
const body = (code: string, message: string, extra = {}) => ({ error: { code, message, ...extra } });

describe("exit codes by outcome", () => {
  it.each([
    [401, "unauthorized", 2],
    [403, "forbidden", 2],
    [403, "ip_not_allowed", 2],
    [404, "not_found", 3],
    [400, "validation_failed", 4],
    [409, "conflict", 4],
    [413, "payload_too_large", 4],
    [429, "too_many_requests", 5],
    [500, "internal_error", 5],
    [503, "service_unavailable", 5],
  ])("%i %s → %i", (status, code, exitCode) => {
    expect(exitCodeOf(apiError(status, body(code, "…")))).toBe(exitCode);
  });

  it("an answer that isn't JSON (WISP_URL names another server) → 5, saying so", () => {
    const error = new SyntaxError("Unexpected token 'o', \"ok\" is not valid JSON");
    expect(exitCodeOf(error)).toBe(5);
    expect(describeError(error, PORTAL)).toBe(
      `The answer from ${PORTAL} is not the portal's JSON: is WISP_URL (or --portal) the portal's address?`,
    );
  });

  it("a network failure or an unexpected error → 5", () => {
    expect(exitCodeOf(new WispNetworkError(PORTAL, new TypeError("fetch failed")))).toBe(5);
    expect(exitCodeOf(new Error("bug"))).toBe(5);
  });
});

describe("errors in plain words", () => {
  it("names each wrong field", () => {
    const error = apiError(
      400,
      body("validation_failed", "The request has invalid fields.", { fieldErrors: { name: ["Enter a name."] } }),
    );
    expect(describeError(error, PORTAL)).toBe(
      "The portal did not accept this: The request has invalid fields.\n  name: Enter a name.",
    );
  });

  it("says when to try again after a 429", () => {
    const error = apiError(429, body("too_many_requests", "Too many failed key checks."), { "Retry-After": "30" });
    expect(error.retryAfter).toBe(30);
    expect(describeError(error, PORTAL)).toBe(
      "The portal asks to slow down: Too many failed key checks. Try again in 30 s.",
    );
  });

  it("an answer that is not the portal's error body (a proxy's page)", () => {
    const error = new WispApiError(new Response(null, { status: 502, statusText: "Bad Gateway" }), "<html>…</html>");
    expect(error).toMatchObject({ code: "unexpected_response", message: "The server answered 502 Bad Gateway." });
    expect(describeError(error, PORTAL)).toBe(
      "The portal failed to answer (502 unexpected_response): The server answered 502 Bad Gateway.",
    );
  });
});

describe("the client's timeout", () => {
  let silent: Server;
  afterAll(() => new Promise((resolve) => silent.close(resolve)));

  it("gives up on a server that never answers: WispNetworkError", async () => {
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const client = createWispClient({ baseUrl: url, apiKey: "wisp_x", timeoutMs: 200 });
    const error = await client.GET("/api/v1/whoami").catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(WispNetworkError);
    expect((error as Error).message).toBe(`Could not reach ${url}: no answer in time.`);
    silent.closeAllConnections();
  });
});

describe("wisp's arguments, before any request", () => {
  async function wisp(args: string[], env: Record<string, string> = {}) {
    let stdout = "";
    let stderr = "";
    const code = await run(args, {
      env: { WISP_URL: "http://127.0.0.1:1", WISP_API_KEY: "wisp_x", ...env },
      stdin: (async function* () {})(),
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    });
    return { code, stdout, stderr };
  }

  it("--help answers on standard output with 0; a command's own help lists its options", async () => {
    expect(await wisp(["--help"])).toMatchObject({ code: 0, stdout: expect.stringContaining("keys create") });
    const help = await wisp(["keys", "update", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: wisp keys update <keyId> [options]");
    expect(help.stdout).toContain("--any-ip");
  });

  it.each([
    [["keys", "create", "--name", "x"], "wisp: keys create needs --name and --role.\n"],
    [["keys", "update", "key_0000000000000000"], "wisp: keys update needs at least one of"],
    [
      ["keys", "roll", "key_0000000000000000", "--grace", "2d"],
      'wisp: --grace must be one of now, 1h, 24h, 7d (got "2d").',
    ],
    [["keys", "list", "--limit", "0"], 'wisp: --limit must be a whole number from 1 up (got "0").'],
    [["whoami", "extra"], 'wisp: wisp whoami takes no arguments, not "extra".'],
    [
      ["whoami", "--portal", "ftp://portal"],
      'wisp: The portal\'s URL must start with http:// or https:// (got "ftp://portal").',
    ],
  ])("%j → 1: %s", async (args, message) => {
    const result = await wisp(args);
    expect(result.code).toBe(1);
    expect(result.stderr.startsWith(message)).toBe(true);
  });

  it("no command's option shadows an option of every command", () => {
    for (const command of COMMANDS)
      expect(
        Object.keys(command.options ?? {}).filter((name) => name in GLOBAL_OPTIONS),
        command.name,
      ).toEqual([]);
  });

  it("without a key: 1, saying where a key may come from", async () => {
    const result = await wisp(["whoami"], { WISP_API_KEY: "" });
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining("set WISP_API_KEY, or pipe the key in") });
  });
});
