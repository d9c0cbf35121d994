// Issue 29: the API Keys page's weight and time beside the Roles page's, on one server and
// one signed-in member, in interleaved rounds (the HTML of a full page load, as a browser
// first receives it).
import type { TestAccount } from "../tests/helpers/account";
import type { RunningServer } from "../tests/helpers/server";

const ROUNDS = 5;
const PER_ROUND = 6;
export const PAGE_WEIGHT_GOALS = { maxKb: 150, maxRatioToRoles: 1.5 };

async function timedPage(url: string, cookie: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { Cookie: cookie, Accept: "text/html" } });
  const body = await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return { ms: performance.now() - started, bytes: body.byteLength };
}

export async function pageWeight(server: RunningServer, account: TestAccount, note: (n: string, v: string) => void) {
  const paths = ["/api-keys", "/roles"];
  for (const path of paths) for (let i = 0; i < 3; i++) await timedPage(server.url + path, account.session.cookie);
  const ratios: number[] = [];
  const bytes: number[] = [];
  const p50s: number[][] = [[], []];
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  for (let round = 0; round < ROUNDS; round++) {
    const times: number[][] = [[], []];
    for (const index of round % 2 === 0 ? [0, 1] : [1, 0]) {
      for (let i = 0; i < PER_ROUND; i++) {
        const result = await timedPage(server.url + paths[index], account.session.cookie);
        times[index].push(result.ms);
        if (index === 0) bytes.push(result.bytes);
      }
    }
    const [keys, roles] = times.map(median);
    p50s[0].push(keys);
    p50s[1].push(roles);
    ratios.push(keys / roles);
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  const kb = Math.round(median(bytes) / 102.4) / 10;
  const ratio = median(ratios);
  note(
    `page weight: API Keys page HTML (goal ≤ ${PAGE_WEIGHT_GOALS.maxKb} KB)`,
    `${kb} KB (${kb <= PAGE_WEIGHT_GOALS.maxKb ? "met" : "NOT met"})`,
  );
  note(
    `page weight: API Keys page p50 ÷ Roles page p50 (goal ≤ ${PAGE_WEIGHT_GOALS.maxRatioToRoles})`,
    `${ratio.toFixed(2)} (rounds ${sorted[0].toFixed(2)}–${sorted[sorted.length - 1].toFixed(2)}; ${ratio <= PAGE_WEIGHT_GOALS.maxRatioToRoles ? "met" : "NOT met"}); p50 ${median(p50s[0]).toFixed(0)} ms vs ${median(p50s[1]).toFixed(0)} ms`,
  );
}
