// Lists at 1,000 and at 100,000 keys in one account: the keys list API and the
// API Keys page (first page, page 2,000, sorted by name, filtered), each timed on an
// account of each size in alternating rounds on the same server, so every ratio compares
// like with like.
import type { TestAccount } from "../tests/helpers/account";
import type { RunningServer } from "../tests/helpers/server";

export const SMALL = 1_000;
export const LARGE = 100_000;

export type ListFigures = {
  database: string;
  scenario: string;
  small: { p50: number; p95: number };
  large: { p50: number; p95: number };
  ratio: number;
};

const SCENARIOS: { scenario: string; path: string; as: "key" | "member" }[] = [
  { scenario: "API: GET /api/v1/api-keys?pageSize=50", path: "/api/v1/api-keys?pageSize=50", as: "key" },
  { scenario: "page: first page", path: "/api-keys", as: "member" },
  { scenario: "page: page 2,000", path: "/api-keys?page=2000", as: "member" },
  { scenario: "page: sorted by name", path: "/api-keys?sort=name&dir=asc", as: "member" },
  // Matches 111 keys of 1,000 and 11,111 of 100,000: a full page either way, so both pages
  // render the same number of rows.
  { scenario: "page: filtered (q=key 1)", path: "/api-keys?q=key%201", as: "member" },
];
const ROUNDS = 5;
const PER_ROUND = 6;

// The account id and its Owner role, as the owner key sees them.
export async function accountOf(server: RunningServer, account: TestAccount) {
  const response = await fetch(`${server.url}/api/v1/whoami`, {
    headers: { Authorization: `Bearer ${account.ownerKey.secret}` },
  });
  const body = (await response.json()) as { account: { id: string }; role: { id: string } };
  return { accountId: body.account.id, roleId: body.role.id };
}

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

export async function measureLists(
  database: string,
  server: RunningServer,
  small: TestAccount,
  large: TestAccount,
): Promise<ListFigures[]> {
  const figures: ListFigures[] = [];
  for (const { scenario, path, as } of SCENARIOS) {
    const headers = (account: TestAccount): Record<string, string> =>
      as === "key" ? { Authorization: `Bearer ${account.ownerKey.secret}` } : { Cookie: account.session.cookie };
    const sizes = [small, large];
    const times: number[][] = [[], []];
    for (const account of sizes) for (let i = 0; i < 3; i++) await timed(server.url + path, headers(account));
    for (let round = 0; round < ROUNDS; round++) {
      // 1k then 100k, then the other way round: drift of a noisy machine favours neither.
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const index of order) {
        for (let i = 0; i < PER_ROUND; i++) times[index].push(await timed(server.url + path, headers(sizes[index])));
      }
    }
    const [smallTimes, largeTimes] = times;
    const result: ListFigures = {
      database,
      scenario,
      small: { p50: percentile(smallTimes, 0.5), p95: percentile(smallTimes, 0.95) },
      large: { p50: percentile(largeTimes, 0.5), p95: percentile(largeTimes, 0.95) },
      ratio: percentile(largeTimes, 0.5) / percentile(smallTimes, 0.5),
    };
    console.log(
      `${database.padEnd(22)} ${scenario.padEnd(40)} p50 ${result.small.p50.toFixed(1)} ms (1k) → ${result.large.p50.toFixed(1)} ms (100k)  ratio ${result.ratio.toFixed(2)}`,
    );
    figures.push(result);
  }
  return figures;
}

// Issue 29: the API's page numbers at depth. In the account of 100,000 keys, page 2,000 of
// 50 (an OFFSET of 99,950 index entries) beside the first page and beside the same page read
// with `after` (the cursor of page 1,999), in interleaved rounds. Each round's ratio to the
// first page; printed as median (rounds min–max).
export async function measureDeepPages(
  database: string,
  server: RunningServer,
  large: TestAccount,
  note: (name: string, value: string) => void,
) {
  const headers = { Authorization: `Bearer ${large.ownerKey.secret}` };
  const base = `${server.url}/api/v1/api-keys?pageSize=50`;
  const before = (await (await fetch(`${base}&page=1999`, { headers })).json()) as { nextCursor: string };
  const paths = [base, `${base}&page=2000`, `${base}&after=${encodeURIComponent(before.nextCursor)}`];
  const times: number[][] = paths.map(() => []);
  for (const path of paths) for (let i = 0; i < 3; i++) await timed(path, headers);
  const ratios: { page: number[]; after: number[] } = { page: [], after: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [0, 1, 2] : [2, 1, 0];
    const round_: number[][] = paths.map(() => []);
    for (const index of order)
      for (let i = 0; i < PER_ROUND; i++) round_[index].push(await timed(paths[index], headers));
    round_.forEach((values, index) => times[index].push(...values));
    const p50 = round_.map((values) => percentile(values, 0.5));
    ratios.page.push(p50[1] / p50[0]);
    ratios.after.push(p50[2] / p50[0]);
  }
  const text = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${sorted[Math.floor(sorted.length / 2)].toFixed(2)} (rounds ${sorted[0].toFixed(2)}–${sorted[sorted.length - 1].toFixed(2)})`;
  };
  const [first, deep, after] = times.map(
    (values) => `${percentile(values, 0.5).toFixed(1)} / ${percentile(values, 0.95).toFixed(1)} ms`,
  );
  note(
    `${database}: API at 100,000 keys, p50 / p95: first page / page=2000 / the same page with after`,
    `${first}; ${deep}; ${after}`,
  );
  note(
    `${database}: API page=2000 ÷ first page (goal: flat ≤ 1.5, or documented; docs/api.md)`,
    `${text(ratios.page)}; with after ÷ first page ${text(ratios.after)}`,
  );
}
