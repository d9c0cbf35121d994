import { writeFileSync } from "node:fs";
import type { Reporter, TestModule } from "vitest/node";

// A Vitest reporter (scripts/test-all.mjs adds it): how long each project took, from its
// first file's start to its last file's end, and the time its files ran in all. Printed
// at the end, and written as JSON to WISP_TEST_DURATIONS when that is set.
export type ProjectDuration = { project: string; files: number; spanMs: number; filesMs: number };

export default class ProjectDurations implements Reporter {
  private projects = new Map<string, { files: number; start: number; end: number; filesMs: number }>();
  private started = new Map<string, number>();

  onTestModuleStart(module: TestModule) {
    this.started.set(module.id, Date.now());
  }

  onTestModuleEnd(module: TestModule) {
    const end = Date.now();
    const start = this.started.get(module.id) ?? end;
    const name = module.project.name;
    const project = this.projects.get(name) ?? { files: 0, start, end, filesMs: 0 };
    project.files += 1;
    project.start = Math.min(project.start, start);
    project.end = Math.max(project.end, end);
    project.filesMs += module.diagnostic().duration;
    this.projects.set(name, project);
  }

  onTestRunEnd() {
    const rows: ProjectDuration[] = [...this.projects].map(([project, { files, start, end, filesMs }]) => ({
      project,
      files,
      spanMs: end - start,
      filesMs: Math.round(filesMs),
    }));
    if (process.env.WISP_TEST_DURATIONS) writeFileSync(process.env.WISP_TEST_DURATIONS, JSON.stringify(rows));
    console.log("\nVitest projects (first file's start to last file's end; time in its files):");
    for (const row of rows)
      console.log(
        `  ${row.project.padEnd(18)} ${seconds(row.spanMs).padStart(7)} ${seconds(row.filesMs).padStart(7)}  (${row.files} files)`,
      );
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
