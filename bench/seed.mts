import path from "node:path";
import { Client } from "pg";
import { openPGlite } from "../lib/db/pglite";

// Rows shaped exactly like the app's (random Key IDs, SHA-256 hashes of random secrets),
// named "bulk key <n>" and created a second apart, far faster than the API.
const INSERT_KEYS = `WITH keys AS (
    INSERT INTO api_keys (id, key_id, account_id, role_id, name, start, created_at)
    SELECT gen_random_uuid(), 'key_' || substr(md5(random()::text), 1, 16), $1, $2,
           'bulk key ' || i, 'wisp_bulk', now() - (i || ' seconds')::interval
    FROM generate_series(1, $3::int) AS i
    RETURNING id, created_at)
  INSERT INTO api_key_secrets (id, api_key_id, hash, start, created_at)
  SELECT gen_random_uuid(), id, encode(sha256(gen_random_uuid()::text::bytea), 'hex'), 'wisp_bulk', created_at
  FROM keys`;
const BATCH = 100_000;

// Fills an account with `count` keys on a PostgreSQL server.
export async function bulkKeys(databaseUrl: string, accountId: string, roleId: string, count: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SET statement_timeout = 0");
    for (let done = 0; done < count; done += BATCH) {
      await client.query(INSERT_KEYS, [accountId, roleId, Math.min(BATCH, count - done)]);
    }
    // Done now, so autovacuum does not compete with the measurements that follow.
    await client.query("VACUUM ANALYZE api_keys");
    await client.query("VACUUM ANALYZE api_key_secrets");
  } finally {
    await client.end();
  }
}

// The same in an embedded data directory, while no server has it open. The server's own
// start-up maintenance (lib/db/maintenance.ts) gathers the statistics afterwards.
export async function bulkKeysEmbedded(dataDir: string, accountId: string, roleId: string, count: number) {
  const pglite = openPGlite(path.join(dataDir, "pglite"));
  try {
    for (let done = 0; done < count; done += BATCH) {
      await pglite.query(INSERT_KEYS, [accountId, roleId, Math.min(BATCH, count - done)]);
    }
  } finally {
    await pglite.close();
  }
}

export async function accountAndRole(
  databaseUrl: string,
  keyId: string,
): Promise<{ accountId: string; roleId: string }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT account_id, role_id FROM api_keys WHERE key_id = $1", [keyId]);
    return { accountId: rows[0].account_id, roleId: rows[0].role_id };
  } finally {
    await client.end();
  }
}
