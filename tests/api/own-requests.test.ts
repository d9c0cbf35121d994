import { afterAll, beforeAll, expect, it } from "vitest";
import { newAccount } from "../helpers/account";
import { startServer, type RunningServer } from "../helpers/server";

// Next.js fetches pages from the server itself (a server action's redirect, an action
// forwarded to its route) with the X-Forwarded-For it set on the request. The warning about a
// peer that forwards clients without being in TRUSTED_PROXIES is for proxies, not for those
// (scripts/serve.mjs): every first sign-up printed it.
let server: RunningServer;
beforeAll(async () => {
  server = await startServer(3319);
});
afterAll(() => server?.stop());

it("doesn't take the server's own requests for an unlisted proxy's, and still warns about a real one", async () => {
  // Signing up ends in server actions that redirect.
  await newAccount(server.url, "Own requests");
  expect((await (await fetch(`${server.url}/api/ready`)).json()).warnings).toBeUndefined();
  expect(server.output()).not.toContain("sends X-Forwarded-For");

  await fetch(`${server.url}/api/health`, { headers: { "X-Forwarded-For": "203.0.113.9" } });
  const ready = await (await fetch(`${server.url}/api/ready`)).json();
  expect(ready.warnings).toEqual([expect.stringMatching(/^127\.0\.0\.1 sends X-Forwarded-For/)]);
});
