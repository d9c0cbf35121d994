import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newAccount, roleNamed, unique } from "../helpers/account";
import { actionJson, callAction, signIn, signUp } from "../helpers/portal";
import { ROOT, spawnServer, startServer, stopProcess, type RunningServer } from "../helpers/server";
import { header, readable } from "../helpers/smtp";

// Mail settings on servers of their own: without SMTP_URL (the embedded default) nothing
// leaves the machine and the portal says where the mail went; an SMTP_URL that can't be
// parsed stops the start. Runs in the embedded-database project only (vitest.config.mts).
// The same server's log also shows how a refused sign-in is logged.
let plain: RunningServer;

beforeAll(async () => {
  plain = await startServer(3361);
}, 60_000);

afterAll(async () => {
  await plain?.stop();
});

describe("the log", () => {
  it("says a wrong password in one line, without a stack trace", async () => {
    const session = await signUp(plain.url, "Log Org");
    const before = plain.output().length;
    const refused = await signIn(plain.url, session.email, "not the password at all");
    expect(refused.cookie).toBeNull();
    await vi.waitFor(() => expect(plain.output().slice(before)).toContain("Sign-in refused"));
    const lines = plain.output().slice(before).split("\n").filter(Boolean);
    expect(lines).toEqual(["Sign-in refused: wrong email or password."]);
  });
});

describe("mail without SMTP_URL", () => {
  it("is saved in DATA_DIR/mail/ with its subject and links in the log, and the Team page says to share the link", async () => {
    const accountName = `Offline Org ${unique("o")}`;
    const inviter = await newAccount(plain.url, accountName);
    const readOnly = await roleNamed(inviter.owner, "Read Only");
    const email = `${unique("invitee")}@example.com`;
    const response = await callAction(
      plain.url,
      "addMemberAction",
      [{ name: "Noor", email, roleId: readOnly.id }],
      inviter.session.cookie,
      "/team",
    );
    const result = await actionJson<{ ok: boolean; invitationUrl: string; invitationMailed: boolean }>(response);
    expect(result).toMatchObject({ ok: true, invitationMailed: false });

    const line = await waitForLogLine(plain, email);
    expect(line).toMatch(new RegExp(`^Mail not sent \\(SMTP_URL is not set\\): "Join ${accountName} on Wisp Portal"`));
    expect(line).toContain(`Links: ${result.invitationUrl}`);
    // Saved before the line is printed, as a whole file, under the server's DATA_DIR.
    const file = path.resolve(ROOT, /saved as (\S+\.eml)\./.exec(line)![1]);
    expect(path.dirname(file)).toMatch(/wisp-test-[^/]+\/mail$/);
    const raw = readFileSync(file, "utf8");
    expect(header(raw, "Subject")).toBe(`Join ${accountName} on Wisp Portal`);
    expect(header(raw, "To")).toBe(email);
    expect(header(raw, "Message-ID")).toBe(`<${path.basename(file, ".eml")}@localhost>`);
    expect(readable(raw)).toContain(result.invitationUrl);
  });
});

describe("a new login's confirmation mail without SMTP_URL", () => {
  it("is saved and its link logged, and Check your email says where it went", async () => {
    const session = await signUp(plain.url, "Offline Signup Org", { confirm: false });
    const page = await fetch(`${plain.url}/verify-email`, { headers: { Cookie: session.cookie } });
    expect(await page.text()).toContain("Email isn&#x27;t set up on this server, so the mail did not leave it");
    const line = await waitForLogLine(plain, session.email);
    expect(line).toMatch(/^Mail not sent \(SMTP_URL is not set\): "Confirm your email address for Wisp Portal"/);
    // Without APP_URL the link is this server on localhost, whatever Host the sign-up came with.
    const link = /Links: (http:\/\/localhost:\d+\/verify-email\/([\w-]{43}))$/.exec(line)!;
    expect(link[1]).toContain(`localhost:${new URL(plain.url).port}`);
    // Posted to the link's page, as its button does (an action is served by a page that uses it).
    const confirmed = await callAction(
      plain.url,
      "confirmEmailLinkAction",
      [{ token: link[2] }],
      session.cookie,
      `/verify-email/${link[2]}`,
    );
    expect(confirmed.headers.get("x-action-redirect")).toContain("/api-keys");
    await confirmed.text();
    expect((await fetch(`${plain.url}/api-keys`, { headers: { Cookie: session.cookie } })).status).toBe(200);
  });
});

describe("an SMTP_URL that can't be parsed", () => {
  it("stops the start with exit 1, naming the variable but not its value", async () => {
    const server = spawnServer(3362, { SMTP_URL: "smtp//mailer:hunter2-secret@mail.example.com" });
    try {
      const { code } = await server.exited;
      expect(code).toBe(1);
      expect(server.output()).toMatch(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
      expect(server.output()).not.toContain("hunter2-secret");
    } finally {
      await stopProcess(server.child);
    }
  });
});

async function waitForLogLine(server: RunningServer, text: string): Promise<string> {
  // Whole lines only: the output may end in the first part of a line still being written.
  const line = () =>
    server
      .output()
      .split("\n")
      .slice(0, -1)
      .find((entry) => entry.includes(text) && entry.startsWith("Mail not sent"));
  await expect.poll(line, { timeout: 15_000, interval: 50 }).toBeDefined();
  return line()!;
}
