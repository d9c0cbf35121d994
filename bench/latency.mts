// What a request costs beside another, to a few microseconds on a noisy machine: requests
// on one keep-alive connection, one at a time, the targets in a new random order in every
// cycle, so drift, the switch between targets and the client's own time fall on all of them
// alike. The p50 of each target's latencies and its difference to the first target's.
import http from "node:http";
import type { Target } from "./load.mts";

export type LatencyFigures = { name: string; p50Us: number; overFirstUs: number };

const WARM_UP_CYCLES = 1000;

export async function interleavedLatency(
  targets: (Target & { name: string })[],
  cycles = Number(process.env.BENCH_LATENCY_CYCLES ?? 4000),
): Promise<LatencyFigures[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const times: number[][] = targets.map(() => []);
    for (let cycle = 0; cycle < WARM_UP_CYCLES + cycles; cycle++) {
      for (const index of shuffled(targets.length)) {
        const took = await timedGet(agent, targets[index]);
        if (cycle >= WARM_UP_CYCLES) times[index].push(took);
      }
    }
    const p50s = times.map(median);
    return targets.map((target, index) => ({
      name: target.name,
      p50Us: Math.round(p50s[index]),
      overFirstUs: Math.round(p50s[index] - p50s[0]),
    }));
  } finally {
    agent.destroy();
  }
}

function timedGet(agent: http.Agent, target: Target): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    http
      .get(target.url, { agent, headers: target.headers }, (response) => {
        response.resume();
        response.on("end", () => resolve(Number(process.hrtime.bigint() - started) / 1000));
      })
      .on("error", reject);
  });
}

function shuffled(length: number): number[] {
  const order = [...Array(length).keys()];
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
