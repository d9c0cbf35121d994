import autocannon from "autocannon";
import { processTreeCpuSeconds } from "./cpu.mts";

export type Figures = {
  scenario: string;
  database: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  requests: number;
  // Server CPU (user + system, the server's whole process tree) per request served, in µs:
  // measured when every target names its server's `pid`.
  cpuUs?: number;
};

// `pid`: the server process, to measure its CPU per request.
export type Target = { url: string; headers?: Record<string, string>; pid?: number };

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
// Rounds of the usage comparison (BENCH_ROUNDS); more rounds, steadier medians on a busy machine.
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = 10;

// One autocannon run, or several at once whose figures are combined (instances in turn).
export async function load(scenario: string, database: string, targets: Target[]): Promise<Figures> {
  const pids = targets.every((target) => target.pid) ? [...new Set(targets.map((target) => target.pid!))] : [];
  const cpu = () => pids.reduce((sum, pid) => sum + processTreeCpuSeconds(pid), 0);
  const cpuBefore = cpu();
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
  if (pids.length > 0) figures.cpuUs = Math.round(((cpu() - cpuBefore) * 1e6) / Math.max(figures.requests, 1));
  console.log(
    `${database.padEnd(22)} ${scenario.padEnd(40)} ${String(figures.rps).padStart(6)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms  non-2xx ${figures.non2xx}` +
      (figures.cpuUs === undefined ? "" : `  server CPU ${figures.cpuUs} µs/request`),
  );
  return figures;
}

// A fresh `next start` compiles its routes lazily and the JIT is cold: run each route
// for a few seconds first, so the first scenario measured is not penalised.
export async function warmUp(targets: Target[]): Promise<void> {
  for (const target of targets) {
    await autocannon({ url: target.url, headers: target.headers, connections: CONNECTIONS, duration: 3 });
  }
}

// The machine is noisy and a server's speed drifts: measure a pair of scenarios in
// alternating rounds and keep each one's median round, so their ratio compares like with like.
// A scenario with several targets (instances) loads them all at once.
export async function alternating(
  database: string,
  pair: [string, Target | Target[]][],
  rounds = 4,
): Promise<Figures[]> {
  const runs = await alternatingRounds(database, pair, rounds);
  return runs.map((figures, index) => medianRound(pair[index][0], figures));
}

// The round with the median requests/s, under the scenario's own name.
export function medianRound(scenario: string, rounds: Figures[]): Figures {
  return { ...[...rounds].sort((a, b) => a.rps - b.rps)[Math.floor(rounds.length / 2)], scenario };
}

// Every round of each scenario, in the order of `pair`.
export async function alternatingRounds(
  database: string,
  pair: [string, Target | Target[]][],
  rounds = 4,
): Promise<Figures[][]> {
  const runs: Figures[][] = pair.map(() => []);
  for (let round = 0; round < rounds; round++) {
    // A B, then B A: a server that speeds up or slows down over time favours neither.
    const order = round % 2 === 0 ? [...pair.keys()] : [...pair.keys()].reverse();
    for (const index of order) {
      const [scenario, target] = pair[index];
      const targets = Array.isArray(target) ? target : [target];
      runs[index].push(await load(`${scenario} (round ${round + 1})`, database, targets));
    }
  }
  return runs;
}

// The ratio a ÷ b of each round (rounds measured back to back), as "median (rounds min–max)".
export function roundRatios(a: number[], b: number[]): { median: number; min: number; max: number; text: string } {
  const ratios = a.map((value, round) => value / b[round]).sort((x, y) => x - y);
  const median = ratios[Math.floor(ratios.length / 2)];
  const [min, max] = [ratios[0], ratios[ratios.length - 1]];
  return { median, min, max, text: `${median.toFixed(2)} (rounds ${min.toFixed(2)}–${max.toFixed(2)})` };
}
