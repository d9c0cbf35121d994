import type { TestProject } from "vitest/node";
import { createTestDatabase } from "../helpers/postgres";
import { startServer } from "../helpers/server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    database: "pglite" | "postgres";
    // The PostgreSQL test database's URL ("" on the embedded database, which only the server may open).
    databaseUrl: string;
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
  project.provide("databaseUrl", database?.url ?? "");
  return async () => {
    await server.stop();
    await database?.drop();
  };
}
