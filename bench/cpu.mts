import { readdirSync, readFileSync } from "node:fs";

// Server CPU time (user + system) from /proc, in seconds, of a process and every process
// under it: what a server spends, wherever it spends it (workers, child processes).
const TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux

export function processTreeCpuSeconds(pid: number): number {
  let ticks = 0;
  for (const member of processTree(pid)) {
    try {
      // Fields after the command name (which may contain spaces) start at "state";
      // utime and stime are fields 14 and 15 of the whole line.
      const stat = readFileSync(`/proc/${member}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / TICKS_PER_SECOND;
}

function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${tree[i]}/task`)) {
        const children = readFileSync(`/proc/${tree[i]}/task/${task}/children`, "utf8").trim();
        if (children) tree.push(...children.split(" ").map(Number));
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return tree;
}

// The whole machine's busy CPU time (user, nice, system, irq, softirq of every CPU) from
// /proc/stat, in seconds: every process counts, PostgreSQL and the client included.
export function machineBusyCpuSeconds(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].split(/\s+/).slice(1).map(Number);
  return (fields[0] + fields[1] + fields[2] + fields[5] + fields[6]) / TICKS_PER_SECOND;
}
