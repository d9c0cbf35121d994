import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      // The schema and migrations on an in-memory embedded database.
      {
        extends: true,
        test: { name: "db", include: ["tests/db/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
      },
      serverProject("api", "tests/api/**/*.test.ts"),
      serverProject("api-postgres", "tests/api/**/*.test.ts"),
      // Property-based fuzzing and the identical-401 property (npm run test:security).
      serverProject("security", "tests/security/**/*.test.ts"),
      serverProject("security-postgres", "tests/security/**/*.test.ts"),
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

// A suite against a real `next start`: on the embedded database, or ("…-postgres") on PostgreSQL.
function serverProject(name: string, include: string) {
  return {
    extends: true,
    test: {
      name,
      include: [include],
      // The public-URL and mail-setup tests start servers of their own on the embedded
      // database: once is enough. So are the SDK's and the CLI's, which see only HTTP.
      // (An `exclude` of its own replaces the command line's --exclude: set it only where needed.)
      ...(name.endsWith("-postgres")
        ? {
            exclude: [
              "tests/api/public-url.test.ts",
              "tests/api/mail-setup.test.ts",
              "tests/api/sdk.test.ts",
              "tests/api/cli.test.ts",
              "tests/api/webhooks-ssrf.test.ts",
            ],
          }
        : {}),
      // One production server (next start) on a fresh database for the whole project.
      globalSetup: ["tests/api/global-setup.ts"],
      testTimeout: name.startsWith("security") ? 600_000 : 30_000,
      hookTimeout: 60_000,
      fileParallelism: false,
    },
  };
}
