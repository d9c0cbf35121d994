import { Client } from "pg";

// Fills an account with `count` keys straight in SQL: rows shaped exactly like the app's
// (random Key IDs, SHA-256 hashes of random secrets), but far faster than the API.
export async function bulkKeys(databaseUrl: string, accountId: string, roleId: string, count: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SET statement_timeout = 0");
    const batch = 100_000;
    for (let done = 0; done < count; done += batch) {
      await client.query(
        `WITH keys AS (
           INSERT INTO api_keys (id, key_id, account_id, role_id, name, start, created_at)
           SELECT gen_random_uuid(), 'key_' || substr(md5(random()::text), 1, 16), $1, $2,
                  'bulk key ' || i, 'wisp_bulk', now() - (i || ' seconds')::interval
           FROM generate_series(1, $3) AS i
           RETURNING id, created_at)
         INSERT INTO api_key_secrets (id, api_key_id, hash, start, created_at)
         SELECT gen_random_uuid(), id, encode(sha256(gen_random_uuid()::text::bytea), 'hex'), 'wisp_bulk', created_at
         FROM keys`,
        [accountId, roleId, Math.min(batch, count - done)],
      );
    }
    // Done now, so autovacuum does not compete with the measurements that follow.
    await client.query("VACUUM ANALYZE api_keys");
    await client.query("VACUUM ANALYZE api_key_secrets");
  } finally {
    await client.end();
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
