import type { TestProject } from "vitest/node";
import { startServer } from "../helpers/server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startServer(Number(process.env.TEST_API_PORT ?? 3311));
  project.provide("baseUrl", server.url);
  return () => server.stop();
}
