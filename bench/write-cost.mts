// What a key's create + delete costs in CPU, on the whole machine and per instance: two
// instances on PostgreSQL, 50 pairs to warm up, then three rounds of pairs sent one after
// another to the first for 10 s, each after 5 s idle (the machine's idle busy time is
// subtracted). The machine's busy time is from /proc/stat: PostgreSQL and this client count too. The churn scenario of
// bench/pressure.mts runs 10 pairs a second on the same two cores as its load: its ratio can't
// be above 1 − (10 × this cost ÷ 2 cores). Not part of `npm run bench`: npx tsx bench/write-cost.mts
import { createKeyWithRole, newAccount, roleNamed } from "../tests/helpers/account";
import { createTestDatabase } from "../tests/helpers/postgres";
import { startServer } from "../tests/helpers/server";
import { machineBusyCpuSeconds, processTreeCpuSeconds } from "./cpu.mts";

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const db = await createTestDatabase();
const env = { DATABASE_URL: db.url };
const a = await startServer(3611, env);
const b = await startServer(3612, env);
try {
  const account = await newAccount(a.url, "Write cost");
  const roleId = (await roleNamed(account.owner, "Read Only")).id;
  // Warm up both paths first (a fresh server compiles its routes and its JIT is cold).
  for (let i = 0; i < 50; i++) await createAndDelete(i);
  async function createAndDelete(i: number) {
    const created = await createKeyWithRole(a.url, account.owner, roleId, `write cost ${i}`);
    const deleted = await account.owner(`/api/v1/api-keys/${created.keyId}`, { method: "DELETE" });
    if (deleted.status !== 204) throw new Error(`delete answered ${deleted.status}`);
  }
  for (let round = 1; round <= 3; round++) {
    let busy = machineBusyCpuSeconds();
    let started = Date.now();
    await wait(5000);
    const idlePerSecond = (machineBusyCpuSeconds() - busy) / ((Date.now() - started) / 1000);
    busy = machineBusyCpuSeconds();
    const [cpuA, cpuB] = [processTreeCpuSeconds(a.pid), processTreeCpuSeconds(b.pid)];
    started = Date.now();
    let pairs = 0;
    while (Date.now() - started < 10_000) {
      await createAndDelete(pairs);
      pairs++;
    }
    const seconds = (Date.now() - started) / 1000;
    const machine = machineBusyCpuSeconds() - busy - idlePerSecond * seconds;
    const msPerPair = (cpuSeconds: number) => ((cpuSeconds * 1000) / pairs).toFixed(1);
    console.log(
      `round ${round}: ${(pairs / seconds).toFixed(1)} pairs/s; CPU per create + delete: machine ` +
        `${msPerPair(machine)} ms, the instance serving them ` +
        `${msPerPair(processTreeCpuSeconds(a.pid) - cpuA)} ms, the other instance ` +
        `${msPerPair(processTreeCpuSeconds(b.pid) - cpuB)} ms`,
    );
  }
} finally {
  await a.stop();
  await b.stop();
  await db.drop();
}
