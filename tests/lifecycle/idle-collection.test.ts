import { afterAll, expect, it } from "vitest";
import { createKeyWithRole, newAccount, roleNamed } from "../helpers/account";
import { startServer, type RunningServer } from "../helpers/server";

// The collection once the server falls idle (lib/server/idle-collection.mjs, issue 29): after
// a busy spell, 2 s without a request, the server collects its garbage and gives memory back
// to the system; on Node.js 26 also glibc's free native memory (lib/server/native-heap.mjs).
let server: RunningServer | undefined;
afterAll(() => server?.stop());

type Collection = {
  at: number;
  rssBefore: number;
  rssAfter: number;
  heapBefore: number;
  heapAfter: number;
  trimmed: boolean;
};
type Report = { idleCollection: { collections: number; last: Collection | null } | null };

const memory = async () => (await (await fetch(`${server!.url}/api/test/memory`)).json()) as { rss: number };
const report = async () => (await (await fetch(`${server!.url}/api/test/memory`)).json()) as Report;

it("gives memory back once the server falls idle after a busy spell", async () => {
  server = await startServer(3387, { WISP_TEST_CLOCK: "1" });
  const account = await newAccount(server.url, "Idle collection");
  const requests: { path: string; headers: Record<string, string> }[] = [
    { path: "/api-keys", headers: { Cookie: account.session.cookie } },
    { path: "/api/v1/whoami", headers: { Authorization: `Bearer ${account.ownerKey.secret}` } },
  ];
  // More than the 200 requests that make a busy spell, 10 at a time.
  for (let round = 0; round < 30; round++)
    await Promise.all(
      Array.from({ length: 10 }, async (_, index) => {
        const { path, headers } = requests[index % 2];
        expect((await fetch(server!.url + path, { headers })).status).toBe(200);
      }),
    );
  const busyUntil = Date.now();

  // Reading the report doesn't count as a request, so polling it doesn't keep the server busy.
  await expect
    .poll(async () => (await report()).idleCollection?.last?.at ?? 0, { timeout: 20_000, interval: 250 })
    .toBeGreaterThan(busyUntil);
  const { last } = (await report()).idleCollection!;
  expect(last!.at - busyUntil).toBeGreaterThanOrEqual(2000);
  expect(last!.heapAfter).toBeLessThan(last!.heapBefore);
  expect(last!.rssAfter).toBeLessThan(last!.rssBefore);
  // node:ffi, through which glibc's malloc_trim is called, exists from Node.js 26.1 on.
  expect(last!.trimmed).toBe(Number(process.versions.node.split(".")[0]) >= 26);

  // Still serving.
  expect((await fetch(`${server.url}/api/v1/whoami`, { headers: requests[1].headers })).status).toBe(200);
});

it("collects again after fewer requests when they have made the server 64 MB bigger", async () => {
  await server?.stop();
  server = await startServer(3387, { WISP_TEST_CLOCK: "1" });
  // The first idle moment once the server is ready is the end of a busy spell (the start itself).
  await expect.poll(async () => (await report()).idleCollection?.collections, { timeout: 20_000 }).toBe(1);
  const first = (await report()).idleCollection!.last!;

  // A new member's first minutes: sign-up, the pages they open, keys they create. Fewer than
  // the 200 requests of a busy spell (at most ~10 for the sign-up and 170 here), and they
  // load code and data the server had not needed yet.
  const account = await newAccount(server.url, "Idle growth");
  const { id: roleId } = await roleNamed(account.owner, "Read Only");
  const pages = [
    "/api-keys",
    "/roles",
    "/team",
    "/audit-log",
    "/users",
    "/groups",
    "/networks",
    "/vouchers",
    "/webhooks",
  ];
  let grown = 0;
  let requests = 0;
  for (let step = 0; step < 85 && grown < 64; step++) {
    await createKeyWithRole(server.url, account.owner, roleId, `growth ${step}`);
    const page = pages[step % pages.length];
    expect((await fetch(server.url + page, { headers: { Cookie: account.session.cookie } })).status).toBe(200);
    requests += 2;
    grown = (await memory()).rss - first.rssAfter;
  }
  expect(grown, `${requests} requests have made the server 64 MB bigger`).toBeGreaterThanOrEqual(64);
  const busyUntil = Date.now();

  await expect
    .poll(async () => (await report()).idleCollection?.collections, { timeout: 20_000, interval: 250 })
    .toBe(2);
  const { last } = (await report()).idleCollection!;
  expect(last!.at - busyUntil).toBeGreaterThanOrEqual(2000);
  expect(last!.heapAfter).toBeLessThan(last!.heapBefore);
  // Node.js 20 keeps glibc's free memory (no node:ffi to trim it), so its resident set may not shrink.
  if (last!.trimmed) expect(last!.rssAfter).toBeLessThan(last!.rssBefore);
});
