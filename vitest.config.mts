import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      apiProject("api"),
      apiProject("api-postgres"),
      {
        extends: true,
        test: { name: "cluster", include: ["tests/cluster/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        // Start, stop, crash and lose the database with real server processes.
        test: {
          name: "lifecycle",
          include: ["tests/lifecycle/**/*.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // In a group of its own, never alongside the other projects: it kills and starves
          // servers on purpose, and some of its answers have stated time bounds.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

// The API suite against a real `next start`: once on the embedded database, once on PostgreSQL.
function apiProject(name: string) {
  return {
    extends: true,
    test: {
      name,
      include: ["tests/api/**/*.test.ts"],
      // One production server (next start) on a fresh database for the whole project.
      globalSetup: ["tests/api/global-setup.ts"],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      fileParallelism: false,
    },
  };
}
