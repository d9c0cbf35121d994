import { chromium } from "playwright-core";
// Page weight and time of /api-keys against /roles on two servers side by side (old on 3000,
// new on 3001), alternating rounds. Usage: node bench/page-weight.mjs <email> <password>
const [email, password] = process.argv.slice(2);
const bases = { old: "http://localhost:3000", new: "http://localhost:3001" };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-background-networking"],
});
const cookies = {};
for (const [name, base] of Object.entries(bases)) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(base + "/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/api-keys/);
  cookies[name] = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}
await browser.close();
const paths = ["/api-keys", "/roles"];
const rows = {};
const ROUNDS = 21;
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 ? ["new", "old"] : ["old", "new"];
  for (const name of order)
    for (const path of paths) {
      const t = performance.now();
      const response = await fetch(bases[name] + path, { headers: { cookie: cookies[name] } });
      const reader = response.body.getReader();
      let body = "",
        tableAt = null;
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        body += decoder.decode(value, { stream: true });
        if (tableAt === null && body.includes("</table>")) tableAt = performance.now() - t;
      }
      const key = `${name} ${path}`;
      (rows[key] ??= { times: [], table: [], size: 0 }).times.push(performance.now() - t);
      rows[key].table.push(tableAt ?? NaN);
      rows[key].size = body.length;
    }
}
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const [key, { times, table, size }] of Object.entries(rows)) {
  const s = [...times].sort((a, b) => a - b);
  console.log(
    key.padEnd(16),
    `${(size / 1024).toFixed(1)} KB`.padStart(9),
    `whole p50 ${med(times).toFixed(1)} ms`,
    `(p10 ${s[2].toFixed(1)} p90 ${s[18].toFixed(1)})`,
    `table in ${med(table).toFixed(1)} ms`,
  );
}
for (const name of ["old", "new"])
  console.log(
    name,
    "API Keys table ÷ Roles table, p50:",
    (med(rows[`${name} /api-keys`].table) / med(rows[`${name} /roles`].table)).toFixed(2),
  );
for (const name of ["old", "new"])
  console.log(
    name,
    "API Keys p50 ÷ Roles p50:",
    (med(rows[`${name} /api-keys`].times) / med(rows[`${name} /roles`].times)).toFixed(2),
  );
