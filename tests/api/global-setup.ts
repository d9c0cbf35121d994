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
  const server = await startServer(port, database ? { DATABASE_URL: database.url } : {}).catch(async (error) => {
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
