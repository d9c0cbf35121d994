import { apiKey } from "@better-auth/api-key";
import { betterAuth } from "better-auth";
import pg from "pg";

// better-auth with its official API-key plugin on the bench's PostgreSQL database
// (DATABASE_URL), configured as a fair peer of the portal's key check:
// - storage "database" (the plugin's default): keys live in PostgreSQL, as the portal's do.
//   The plugin's only cache is storage "secondary-storage" (keys kept in Redis or a custom
//   store instead of the database), so with keys in PostgreSQL every verification reads the row.
// - rateLimit disabled: its default (10 requests per key per day) would answer 429 under load.
//   Verification then still writes `lastRequest` and `updatedAt` on the key's row, synchronously
//   (deferUpdates only defers secondary-storage writes and expired-key clean-up).
// - a pool of 10 connections, like the portal's DB_POOL_SIZE default.
export const auth = betterAuth({
  database: new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 }),
  secret: process.env.BETTER_AUTH_SECRET,
  baseURL: process.env.BETTER_AUTH_URL ?? "http://127.0.0.1:3000",
  emailAndPassword: { enabled: true },
  telemetry: { enabled: false },
  plugins: [apiKey({ rateLimit: { enabled: false } })],
});
