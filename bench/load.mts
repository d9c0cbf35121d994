import autocannon from "autocannon";

export type Figures = {
  scenario: string;
  database: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  requests: number;
};

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
// Rounds of each alternating comparison; more rounds, steadier medians on a busy machine.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const CONNECTIONS = 10;

// One autocannon run, or several at once whose figures are combined (instances in turn).
export async function load(
  scenario: string,
  database: string,
  targets: { url: string; headers?: Record<string, string> }[],
): Promise<Figures> {
  const results = await Promise.all(
    targets.map((target) =>
      autocannon({
        url: target.url,
        headers: target.headers,
        connections: Math.max(1, Math.round(CONNECTIONS / targets.length)),
        duration: SECONDS,
      }),
    ),
  );
  const figures: Figures = {
    scenario,
    database,
    rps: Math.round(results.reduce((sum, result) => sum + result.requests.average, 0)),
    p50: Math.max(...results.map((result) => result.latency.p50)),
    p99: Math.max(...results.map((result) => result.latency.p99)),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
    requests: results.reduce((sum, result) => sum + result.requests.total, 0),
  };
  console.log(
    `${database.padEnd(22)} ${scenario.padEnd(40)} ${String(figures.rps).padStart(6)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms  non-2xx ${figures.non2xx}`,
  );
  return figures;
}

// A fresh `next start` compiles its routes lazily and the JIT is cold: run each route
// for a few seconds first, so the first scenario measured is not penalised.
export async function warmUp(targets: { url: string; headers?: Record<string, string> }[]): Promise<void> {
  for (const target of targets) {
    await autocannon({ url: target.url, headers: target.headers, connections: CONNECTIONS, duration: 3 });
  }
}

// The machine is noisy and a server's speed drifts: measure a pair of scenarios in
// alternating rounds and keep each one's median round, so their ratio compares like with like.
export async function alternating(
  database: string,
  pair: [string, { url: string; headers?: Record<string, string> }][],
  rounds = ROUNDS,
): Promise<Figures[]> {
  const runs: Figures[][] = pair.map(() => []);
  for (let round = 0; round < rounds; round++) {
    // A B, then B A: a server that speeds up or slows down over time favours neither.
    const order = round % 2 === 0 ? [...pair.keys()] : [...pair.keys()].reverse();
    for (const index of order) {
      const [scenario, target] = pair[index];
      runs[index].push(await load(`${scenario} (round ${round + 1})`, database, [target]));
    }
  }
  return runs.map((figures, index) => {
    const median = [...figures].sort((a, b) => a.rps - b.rps)[Math.floor(figures.length / 2)];
    return { ...median, scenario: pair[index][0] };
  });
}
