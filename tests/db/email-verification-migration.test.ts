import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openPGlite } from "@/lib/db/pglite";

// Logins from before email confirmation keep working: the migration that adds it marks
// every existing login confirmed, as of its creation. New logins start unconfirmed.
const dir = path.resolve(import.meta.dirname, "../../prisma/migrations");
const MIGRATION = "20261206150500_email_verification";

describe(`migration ${MIGRATION}`, { timeout: 60_000 }, () => {
  it("marks every existing login confirmed since it was created", async () => {
    const db = openPGlite();
    const names = readdirSync(dir)
      .filter((name) => /^\d/.test(name))
      .sort();
    const run = (name: string) => db.exec(readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
    for (const name of names.slice(0, names.indexOf(MIGRATION))) await run(name);
    await db.exec(`
      INSERT INTO identities (id, email, password_hash, created_at) VALUES
        ('00000000-0000-4000-8000-0000000000c1', 'ada@acme.example', 'hash-ada', '2026-01-01 10:00:00.004+00'),
        ('00000000-0000-4000-8000-0000000000c2', 'bob@acme.example', 'hash-bob', '2026-02-03 09:00:00+00');`);
    await run(MIGRATION);
    const { rows } = await db.query<{ email: string; confirmed: boolean }>(
      "SELECT email, email_verified_at = created_at AS confirmed FROM identities ORDER BY email",
    );
    expect(rows).toEqual([
      { email: "ada@acme.example", confirmed: true },
      { email: "bob@acme.example", confirmed: true },
    ]);
    await db.exec(
      "INSERT INTO identities (id, email, password_hash) VALUES (gen_random_uuid(), 'new@acme.example', 'x')",
    );
    const fresh = await db.query("SELECT email_verified_at FROM identities WHERE email = 'new@acme.example'");
    expect(fresh.rows).toEqual([{ email_verified_at: null }]);
    await db.close();
  });
});
