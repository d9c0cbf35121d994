import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ListFigures } from "./lists.mts";
import type { Figures } from "./load.mts";

export type Report = {
  date: string;
  seconds: number;
  load: Figures[];
  lists: ListFigures[];
  notes: Record<string, string | number>[];
};

export const RESULTS_DIR = path.resolve(import.meta.dirname, "results");

// Writes results.json, results.md, a bar chart of requests/s per scenario and one of the
// list timings at 1,000 and 100,000 keys.
export function writeReport(report: Report): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, "results.json"), JSON.stringify(report, null, 2) + "\n");
  writeFileSync(path.join(RESULTS_DIR, "results.md"), markdown(report));
  writeFileSync(path.join(RESULTS_DIR, "requests-per-second.svg"), chart(report.load));
  writeFileSync(path.join(RESULTS_DIR, "lists-p50.svg"), listChart(report.lists));
}

function markdown(report: Report): string {
  const lines = [
    `# Benchmark results (${report.date})`,
    "",
    `autocannon, 10 connections, ${report.seconds} s per scenario, on this 2-core machine (noisy: compare figures of one run).`,
    "",
    "Server CPU: user + system time of the server's whole process tree (/proc) per request served, where measured.",
    "",
    "| database | scenario | req/s | p50 ms | p99 ms | non-2xx | server CPU µs/request |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ...report.load.map(
      (f) => `| ${f.database} | ${f.scenario} | ${f.rps} | ${f.p50} | ${f.p99} | ${f.non2xx} | ${f.cpuUs ?? ""} |`,
    ),
    "",
    ...(report.lists.length > 0
      ? [
          "Keys list, 1,000 vs 100,000 keys in one account (sequential requests, alternating rounds, same server):",
          "",
          "| database | scenario | p50 at 1k (ms) | p50 at 100k (ms) | p95 at 1k | p95 at 100k | ratio of p50s |",
          "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
          ...report.lists.map(
            (f) =>
              `| ${f.database} | ${f.scenario} | ${f.small.p50.toFixed(1)} | ${f.large.p50.toFixed(1)} | ${f.small.p95.toFixed(1)} | ${f.large.p95.toFixed(1)} | ${f.ratio.toFixed(2)} |`,
          ),
          "",
        ]
      : []),
    "| measurement | value |",
    "| --- | --- |",
    ...report.notes.map((note) => `| ${note.name} | ${note.value} |`),
    "",
  ];
  return lines.join("\n");
}

// Room for the longest label at 12 px (about 6.8 px a character), so none is cut off.
const labelRoom = (labels: string[], least: number) =>
  Math.max(least, Math.ceil(Math.max(...labels.map((label) => label.length)) * 6.8) + 16);

function chart(load: Figures[]): string {
  const barHeight = 22;
  const labelWidth = labelRoom(
    load.map((f) => `${f.database} · ${f.scenario}`),
    420,
  );
  const width = labelWidth + 460;
  const max = Math.max(...load.map((f) => f.rps), 1);
  const rows = load.map((f, i) => {
    const y = 30 + i * (barHeight + 6);
    const w = Math.round(((width - labelWidth - 70) * f.rps) / max);
    const color = f.database.startsWith("embedded") ? "#6366f1" : f.database.includes("peer") ? "#f59e0b" : "#0ea5e9";
    return `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" font-size="12">${escape(`${f.database} · ${f.scenario}`)}</text>
<rect x="${labelWidth}" y="${y}" width="${w}" height="${barHeight}" fill="${color}" rx="3"/>
<text x="${labelWidth + w + 6}" y="${y + 15}" font-size="12">${f.rps}</text>`;
  });
  const height = 40 + load.length * (barHeight + 6);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="system-ui, sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="18" font-size="13" font-weight="600">Requests per second (autocannon, 10 connections)</text>
${rows.join("\n")}
</svg>
`;
}

// p50 at 1,000 keys beside p50 at 100,000 keys, per scenario and database.
function listChart(lists: ListFigures[]): string {
  const width = 960;
  const labelWidth = 440;
  const bar = 12;
  const max = Math.max(...lists.flatMap((f) => [f.small.p50, f.large.p50]), 1);
  const scale = (ms: number) => Math.max(1, Math.round(((width - labelWidth - 120) * ms) / max));
  const rows = lists.map((f, i) => {
    const y = 44 + i * (2 * bar + 12);
    return `<text x="${labelWidth - 8}" y="${y + bar + 4}" text-anchor="end" font-size="12">${escape(`${f.database} · ${f.scenario}`)}</text>
<rect x="${labelWidth}" y="${y}" width="${scale(f.small.p50)}" height="${bar}" fill="#94a3b8" rx="2"/>
<text x="${labelWidth + scale(f.small.p50) + 6}" y="${y + 10}" font-size="11">${f.small.p50.toFixed(1)} ms</text>
<rect x="${labelWidth}" y="${y + bar}" width="${scale(f.large.p50)}" height="${bar}" fill="${f.database.startsWith("embedded") ? "#6366f1" : "#0ea5e9"}" rx="2"/>
<text x="${labelWidth + scale(f.large.p50) + 6}" y="${y + bar + 10}" font-size="11">${f.large.p50.toFixed(1)} ms (×${f.ratio.toFixed(2)})</text>`;
  });
  const height = 56 + lists.length * (2 * bar + 12);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="system-ui, sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="18" font-size="13" font-weight="600">Keys list p50: 1,000 keys (grey) and 100,000 keys (colour) in one account, ratio in brackets</text>
${rows.join("\n")}
</svg>
`;
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
