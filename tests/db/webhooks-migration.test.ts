import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openPGlite } from "@/lib/db/pglite";

// The new Webhooks area for the roles that exist before it: Owner gets Full Access, Read
// Only Read Access, every other role the level it had on API Keys (none: No Access).
const dir = path.resolve(import.meta.dirname, "../../prisma/migrations");
const MIGRATION = "20261206172817_webhooks";

describe(`migration ${MIGRATION}`, { timeout: 60_000 }, () => {
  it("gives existing roles a level on the webhooks area", async () => {
    const db = openPGlite();
    const names = readdirSync(dir)
      .filter((name) => /^\d/.test(name))
      .sort();
    const run = (name: string) => db.exec(readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
    for (const name of names.slice(0, names.indexOf(MIGRATION))) await run(name);
    await db.exec(`
      INSERT INTO accounts (id, name) VALUES ('00000000-0000-4000-8000-0000000000a1', 'Acme');
      INSERT INTO roles (id, account_id, name, built_in, updated_at) VALUES
        ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000a1', 'Owner', 'OWNER', now()),
        ('00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-0000000000a1', 'Read Only', 'READ_ONLY', now()),
        ('00000000-0000-4000-8000-0000000000b3', '00000000-0000-4000-8000-0000000000a1', 'Admin', NULL, now()),
        ('00000000-0000-4000-8000-0000000000b4', '00000000-0000-4000-8000-0000000000a1', 'Key reader', NULL, now()),
        ('00000000-0000-4000-8000-0000000000b5', '00000000-0000-4000-8000-0000000000a1', 'Wi-Fi desk', NULL, now());
      INSERT INTO role_permissions (role_id, area, level) VALUES
        ('00000000-0000-4000-8000-0000000000b1', 'api_keys', 'FULL'),
        ('00000000-0000-4000-8000-0000000000b2', 'api_keys', 'READ'),
        ('00000000-0000-4000-8000-0000000000b3', 'api_keys', 'FULL'),
        ('00000000-0000-4000-8000-0000000000b4', 'api_keys', 'READ'),
        ('00000000-0000-4000-8000-0000000000b5', 'users', 'FULL');`);
    await run(MIGRATION);
    const { rows } = await db.query<{ name: string; level: string }>(`
      SELECT r.name, p.level FROM roles r JOIN role_permissions p ON p.role_id = r.id AND p.area = 'webhooks'
      ORDER BY r.name`);
    expect(rows).toEqual([
      { name: "Admin", level: "FULL" },
      { name: "Key reader", level: "READ" },
      { name: "Owner", level: "FULL" },
      { name: "Read Only", level: "READ" },
      { name: "Wi-Fi desk", level: "NONE" },
    ]);
    await db.close();
  });
});
