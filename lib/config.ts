import { describeProblems, parseSettings } from "./settings.mjs";

// The app's settings, parsed and checked by lib/settings.mjs (which lists them all). The
// server (scripts/serve.mjs) checks them first and exits 1 on a bad value, so inside it
// this never throws; elsewhere (next dev, tests) a bad value throws the same message.
const settings = parseSettings(process.env);
if (!settings.ok) throw new Error(describeProblems(settings.problems));

export const config = settings.config;
export type Config = typeof config;

export function usesPostgresServer(): boolean {
  return /^postgres(ql)?:\/\//.test(config.databaseUrl);
}
