import type { ParseArgsConfig } from "node:util";
import type { WispClient } from "../client.js";
import { CliError } from "./failure.js";

export type Options = Record<string, string | boolean | string[] | undefined>;
export type Context = { client: WispClient; baseUrl: string };
// What a command prints: `json` with --json, `text` otherwise.
export type Result = { json: unknown; text: string };

export type Command = {
  // The words that name it, e.g. "keys create".
  name: string;
  // Its positional arguments, e.g. ["<keyId>"].
  args: string[];
  summary: string;
  options?: NonNullable<ParseArgsConfig["options"]>;
  // One line per option for --help.
  optionHelp?: string[];
  run: (context: Context, args: string[], options: Options) => Promise<Result>;
};

export function text(options: Options, name: string): string | undefined {
  const value = options[name];
  return typeof value === "string" ? value : undefined;
}

export function list(options: Options, name: string): string[] | undefined {
  const value = options[name];
  return Array.isArray(value) ? value : undefined;
}

export function oneOf<T extends string>(options: Options, name: string, allowed: readonly T[]): T | undefined {
  const value = text(options, name);
  if (value !== undefined && !(allowed as readonly string[]).includes(value)) {
    throw new CliError(`--${name} must be one of ${allowed.join(", ")} (got "${value}").`);
  }
  return value as T | undefined;
}

export function positiveInteger(options: Options, name: string): number | undefined {
  const value = text(options, name);
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new CliError(`--${name} must be a whole number from 1 up (got "${value}").`);
  return Number(value);
}
