// Lists the account's keys that expire within 7 days, every page, and exits 1 if there
// are any (e.g. for a nightly job). Run from the repository root:
//   WISP_URL=http://localhost:3000 WISP_API_KEY=wisp_… npx tsx sdk/examples/expiring-keys.ts
import { createWispClient, ok, WispApiError, type ApiKey } from "@wisp-portal/sdk";

const wisp = createWispClient({
  baseUrl: process.env.WISP_URL ?? "http://localhost:3000",
  apiKey: process.env.WISP_API_KEY,
});

try {
  const expiring: ApiKey[] = [];
  let after: string | undefined;
  do {
    const page = await ok(
      wisp.GET("/api/v1/api-keys", { params: { query: { state: "expiring", pageSize: 100, after } } }),
    );
    expiring.push(...page.items);
    after = page.nextCursor ?? undefined;
  } while (after);
  for (const key of expiring) console.log(`${key.keyId}  ${key.name}  expires ${key.expiresAt}`);
  process.exitCode = expiring.length > 0 ? 1 : 0;
} catch (error) {
  if (!(error instanceof WispApiError)) throw error;
  // error.code is one of the portal's codes: "unauthorized", "forbidden", …
  console.error(`${error.status} ${error.code}: ${error.message}`);
  process.exitCode = 2;
}
