import type { TestProject } from "vitest/node";
import { createTestDatabase } from "../helpers/postgres";
import { startServer } from "../helpers/server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    database: "pglite" | "postgres";
  }
}

// The API suite runs once per project: "api" on a fresh embedded database, and
// "api-postgres" on a fresh database of a real PostgreSQL server, dropped afterwards.
export default async function setup(project: TestProject) {
  const onPostgres = project.name === "api-postgres";
  const database = onPostgres ? await createTestDatabase() : null;
  const port = onPostgres ? 3312 : 3311;
  // The test clock lets expiry and grace periods be tested without waiting; trusting the
  // loopback proxy lets a test name its client address in X-Forwarded-For.
  const env = {
    WISP_TEST_CLOCK: "1",
    TRUSTED_PROXIES: "127.0.0.1",
    ...(database ? { DATABASE_URL: database.url } : {}),
  };
  const server = await startServer(port, env).catch(async (error) => {
    await database?.drop();
    throw error;
  });
  project.provide("baseUrl", server.url);
  project.provide("database", onPostgres ? "postgres" : "pglite");
  return async () => {
    await server.stop();
    await database?.drop();
  };
}
