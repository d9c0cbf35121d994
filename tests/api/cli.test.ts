import { execFile, spawn } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { newAccount, type TestAccount } from "../helpers/account";
import { rememberSecrets } from "../helpers/portal";
import { closedPortUrl, ROOT } from "../helpers/server";
import { eventsOf, startReceiver, type Receiver } from "../helpers/webhook-receiver";

// The wisp command (sdk/bin/wisp.mjs) as a person or a script runs it, against the
// running server: a key's life, --json, the key from stdin, and the exit codes.
const baseUrl = inject("baseUrl");
const WISP = path.join(ROOT, "sdk/bin/wisp.mjs");

type Run = { code: number; stdout: string; stderr: string };
type Key = { keyId: string; name: string; state: string; secret: string; role: { name: string } };

let account: TestAccount;

// Runs wisp with `args`; the key from WISP_API_KEY, or written to its standard input.
function wisp(args: string[], { key, stdin }: { key?: string; stdin?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, WISP_URL: baseUrl, WISP_API_KEY: key ?? account.ownerKey.secret };
    if (stdin !== undefined) delete env.WISP_API_KEY;
    const child = spawn(process.execPath, [WISP, ...args], { env, cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdin.end(stdin ?? "");
    child.once("error", reject);
    child.once("close", async (code) => {
      await rememberSecrets(stdout);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

async function json<T>(args: string[], options?: { key?: string; stdin?: string }): Promise<T> {
  const result = await wisp([...args, "--json"], options);
  if (result.code !== 0) throw new Error(`wisp ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

beforeAll(async () => {
  account = await newAccount(baseUrl, "CLI Org");
});

describe("wisp", () => {
  it("runs as npx wisp from the repository", async () => {
    const { stdout } = await promisify(execFile)("npx", ["--no-install", "wisp", "--help"], { cwd: ROOT });
    expect(stdout).toContain("Usage: wisp <command>");
    expect(stdout).toContain("keys roll <keyId>");
  });

  it("creates, rolls, disables, enables and deletes a key", async () => {
    const created = await json<Key>(["keys", "create", "--name", "cli key", "--role", "read only"]);
    expect(created).toMatchObject({ name: "cli key", state: "active", role: { name: "Read Only" } });
    expect(created.secret).toMatch(/^wisp_/);
    expect((await json<{ keyId: string }>(["whoami"], { key: created.secret })).keyId).toBe(created.keyId);

    const rolled = await json<Key>(["keys", "roll", created.keyId, "--grace", "now"]);
    expect(rolled.keyId).toBe(created.keyId);
    expect(rolled.secret).not.toBe(created.secret);
    expect((await wisp(["whoami"], { key: created.secret })).code).toBe(2);
    expect((await wisp(["whoami"], { key: rolled.secret })).code).toBe(0);

    expect((await json<Key>(["keys", "disable", created.keyId])).state).toBe("disabled");
    expect((await wisp(["whoami"], { key: rolled.secret })).code).toBe(2);
    const enabled = await wisp(["keys", "enable", created.keyId]);
    expect(enabled).toMatchObject({ code: 0, stdout: `${created.keyId} (cli key) is active.\n` });
    expect((await wisp(["whoami"], { key: rolled.secret })).code).toBe(0);

    const refused = await wisp(["keys", "delete", created.keyId]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("run it again with --yes");
    expect(await wisp(["keys", "delete", created.keyId, "--yes"])).toMatchObject({
      code: 0,
      stdout: `Deleted ${created.keyId}.\n`,
    });
    const gone = await wisp(["keys", "get", created.keyId]);
    expect(gone).toMatchObject({ code: 3, stderr: "wisp: Not found: No API key with this Key ID.\n" });
  });

  it("prints for people without --json: the secret once, lists, details, usage", async () => {
    const created = await wisp(["keys", "create", "--name", "human key", "--role", "Read Only"]);
    expect(created.code).toBe(0);
    const [, keyId] = /^Created (key_\w+) \(human key, role Read Only\)/.exec(created.stdout) ?? [];
    expect(keyId).toBeDefined();
    expect(created.stdout).toMatch(/^ {2}wisp_\w{38}$/m);

    const listed = await wisp(["keys", "list", "--search", "human"]);
    expect(listed.stdout.split("\n")[0]).toMatch(/^KEY ID\s+NAME\s+ROLE\s+STATE\s+EXPIRES\s+LAST USED$/);
    expect(listed.stdout).toMatch(new RegExp(`^${keyId}\\s+human key\\s+Read Only\\s+active\\s+never\\s+never$`, "m"));

    const everyPage = await json<{ items: { keyId: string }[] }>(["keys", "list", "--all", "--limit", "1"]);
    expect(everyPage.items.map((key) => key.keyId)).toEqual(expect.arrayContaining([keyId, account.ownerKey.keyId]));

    const rolled = await wisp(["keys", "roll", keyId, "--grace", "1h"]);
    expect(rolled.stdout).toMatch(/^The previous secret keeps working until \d{4}-\d\d-\d\dT[\d:.]+Z\.$/m);

    const updated = await wisp(["keys", "update", keyId, "--name", "renamed", "--allow-ip", "203.0.113.7"]);
    expect(updated.code).toBe(0);
    expect(updated.stdout).toMatch(/^Name\s+renamed$/m);
    expect(updated.stdout).toMatch(/^IP allowlist\s+203\.0\.113\.7$/m);

    const usage = await wisp(["usage"]);
    expect(usage.code).toBe(0);
    expect(usage.stdout).toMatch(/^Requests\s+\d+$/m);
    const whoami = await wisp(["whoami"]);
    expect(whoami.stdout).toMatch(/^Account\s+CLI Org /m);
  });

  it("reads the key from standard input, and takes none on the command line", async () => {
    const me = await json<{ keyId: string }>(["--api-key-stdin", "whoami"], { stdin: `${account.ownerKey.secret}\n` });
    expect(me.keyId).toBe(account.ownerKey.keyId);

    const onCommandLine = await wisp(["whoami", `--api-key=${account.ownerKey.secret}`]);
    expect(onCommandLine.code).toBe(1);
    expect(onCommandLine.stderr).toContain("takes no API key on the command line");
    const none = await wisp(["--api-key-stdin", "whoami"], { stdin: "" });
    expect(none).toMatchObject({ code: 1, stderr: "wisp: --api-key-stdin read no API key from standard input.\n" });
  });
});

describe("wisp's exit codes and errors", () => {
  it("2 for a key the portal refuses, in plain words (and as JSON with --json)", async () => {
    const refused = await wisp(["whoami"], { key: "wisp_notakey" });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`The portal at ${baseUrl} refused the API key`);
    const asJson = await wisp(["whoami", "--json"], { key: "wisp_notakey" });
    expect(asJson.code).toBe(2);
    expect(asJson.stdout).toBe("");
    expect(JSON.parse(asJson.stderr)).toMatchObject({ error: { exitCode: 2, status: 401, code: "unauthorized" } });
  });

  it("3 for an unknown Key ID or role", async () => {
    expect((await wisp(["keys", "get", "key_0000000000000000"])).code).toBe(3);
    const noRole = await wisp(["keys", "create", "--name", "x", "--role", "No Such Role"]);
    expect(noRole).toMatchObject({
      code: 3,
      stderr: 'wisp: Not found: no role named "No Such Role" in this account.\n',
    });
  });

  it("4 for input the portal refuses, naming the field", async () => {
    const invalid = await wisp(["keys", "create", "--name", "x", "--role", "Owner", "--expires-at", "tomorrow"]);
    expect(invalid.code).toBe(4);
    expect(invalid.stderr).toMatch(
      /^wisp: The portal did not accept this: .*\n {2}expiresAt: Use an ISO 8601 date-time/,
    );
  });

  it("1 for a usage error, before calling the portal", async () => {
    const mistakes = [["keys", "frob"], ["keys", "get"], ["keys", "list", "--state", "sleepy"], ["keys"], []];
    const results = await Promise.all(mistakes.map((args) => wisp(args)));
    expect(results.map(({ code, stdout }) => ({ code, stdout }))).toEqual(
      mistakes.map(() => ({ code: 1, stdout: "" })),
    );
    expect(results[2].stderr).toBe(
      'wisp: --state must be one of active, expiring, disabled, expired (got "sleepy").\n',
    );
  });

  it("5 when the portal can't be reached", async () => {
    const nowhere = await closedPortUrl();
    const result = await wisp(["whoami", "--portal", nowhere]);
    expect(result).toMatchObject({
      code: 5,
      stderr: expect.stringContaining(`Could not reach ${nowhere}: the connection was refused.`),
    });
  });
});

describe("wisp webhooks", () => {
  let receiver: Receiver;
  afterAll(() => receiver?.stop());

  it("adds an endpoint, lists it, and sends it a test event that arrives signed", async () => {
    receiver = await startReceiver();
    const created = await json<{ webhook: { id: string }; secret: string }>([
      ...["webhooks", "create", "--url", receiver.url, "--event", "api_key.rolled", "--event", "api_key.created"],
    ]);
    expect(created.secret).toMatch(/^whsec_/);
    const listed = await wisp(["webhooks", "list"]);
    expect(listed.stdout).toMatch(
      new RegExp(
        `^${created.webhook.id}\\s+${receiver.url}\\s+enabled\\s+api_key\\.created,api_key\\.rolled\\s+-$`,
        "m",
      ),
    );

    const queued = await json<{ eventId: string; queued: boolean }>(["webhooks", "test", created.webhook.id]);
    expect(queued.queued).toBe(true);
    const event = await vi.waitFor(
      () => {
        const found = eventsOf(receiver, created.secret).find((candidate) => candidate.id === queued.eventId);
        if (!found) throw new Error("the test event has not arrived yet");
        return found;
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(event.type).toBe("webhook.test");

    const unknown = await wisp(["webhooks", "test", "00000000-0000-4000-8000-000000000000"]);
    expect(unknown.code).toBe(3);
  });
});
