import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";

// The migration that split logins from memberships keeps every existing member: same id,
// email and password hash, and only the members an admin added (with a one-time password
// they never had to replace) must choose their own at the next sign-in.
const dir = path.resolve(import.meta.dirname, "../../prisma/migrations");
const MIGRATION = "20261127145248_identities_sessions_invitations";

describe(`migration ${MIGRATION}`, { timeout: 60_000 }, () => {
  it("turns each member into a login of its own and marks one-time passwords", async () => {
    const db = new PGlite();
    const names = readdirSync(dir)
      .filter((name) => /^\d/.test(name))
      .sort();
    for (const name of names.slice(0, names.indexOf(MIGRATION))) {
      await db.exec(readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
    }
    const account = "00000000-0000-4000-8000-000000000001";
    const role = "00000000-0000-4000-8000-0000000000a1";
    await db.exec(`
      INSERT INTO accounts (id, name, created_at) VALUES ('${account}', 'Acme', '2026-01-01 10:00:00');
      INSERT INTO roles (id, account_id, name, built_in, updated_at) VALUES ('${role}', '${account}', 'Owner', 'OWNER', now());
      INSERT INTO members (id, account_id, role_id, name, email, password_hash, created_at) VALUES
        ('00000000-0000-4000-8000-0000000000b1', '${account}', '${role}', 'Ada', 'ada@acme.example', 'hash-ada', '2026-01-01 10:00:00.004'),
        ('00000000-0000-4000-8000-0000000000b2', '${account}', '${role}', 'Bob', 'bob@acme.example', 'hash-bob', '2026-01-03 09:00:00');`);
    await db.exec(readFileSync(path.join(dir, MIGRATION, "migration.sql"), "utf8"));
    const { rows } = await db.query(
      `SELECT m.id, m.name, i.email, i.password_hash, i.must_change_password, i.last_account_id
       FROM members m JOIN identities i ON i.id = m.identity_id ORDER BY m.name`,
    );
    expect(rows).toEqual([
      {
        id: "00000000-0000-4000-8000-0000000000b1",
        name: "Ada",
        email: "ada@acme.example",
        password_hash: "hash-ada",
        must_change_password: false,
        last_account_id: account,
      },
      {
        id: "00000000-0000-4000-8000-0000000000b2",
        name: "Bob",
        email: "bob@acme.example",
        password_hash: "hash-bob",
        must_change_password: true,
        last_account_id: account,
      },
    ]);
    await expect(
      db.exec(
        "INSERT INTO identities (id, email, password_hash) VALUES (gen_random_uuid(), 'Mixed@Case.example', 'x')",
      ),
    ).rejects.toThrow(/identities_email_lower_case/);
    await db.close();
  });
});
