// Migrates the peer's database with better-auth's own programmatic migration, then creates
// a user and one API key through better-auth's server API; prints the key's secret.
import { getMigrations } from "better-auth/db/migration";
import { auth } from "../lib/auth.js";

const { runMigrations } = await getMigrations(auth.options);
await runMigrations();
const { user } = await auth.api.signUpEmail({
  body: { email: "bench@example.com", password: "bench-password-1234", name: "Bench" },
});
const created = await auth.api.createApiKey({ body: { userId: user.id, name: "bench key" } });
console.log(JSON.stringify({ key: created.key }));
process.exit(0);
