// wisp: the Wisp Portal's API from the command line, on the SDK. `run` takes its
// arguments, environment and streams, and answers the exit status (failure.ts: EXIT).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { createWispClient } from "../client.js";
import { accountCommands } from "./account.js";
import type { Command, Options } from "./command.js";
import { CliError, describe, describeJson, exitCodeOf, EXIT } from "./failure.js";
import { keyCommands } from "./keys.js";
import { webhookCommands } from "./webhooks.js";

export type Io = {
  env: Record<string, string | undefined>;
  stdin: AsyncIterable<string | Buffer>;
  stdout: { write: (text: string) => unknown };
  stderr: { write: (text: string) => unknown };
};

const DEFAULT_URL = "http://localhost:3000";
const TIMEOUT_MS = 30_000;
export const COMMANDS: Command[] = [...accountCommands, ...keyCommands, ...webhookCommands];
export const GLOBAL_OPTIONS = {
  json: { type: "boolean" },
  portal: { type: "string" },
  "api-key-stdin": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;
const GLOBAL_HELP = [
  "--json                   print JSON (an error as JSON on standard error)",
  `--portal <url>           the portal's address (default: WISP_URL, else ${DEFAULT_URL})`,
  "--api-key-stdin          read the API key from standard input (default: WISP_API_KEY)",
  "-h, --help               this help; wisp <command> --help shows a command's options",
];
const EXIT_HELP =
  "Exit status: 0 done, 1 usage error, 2 key refused or not allowed, 3 not found, " +
  "4 input refused or conflict, 5 portal failed or unreachable.";

export async function run(argv: string[], io: Io): Promise<number> {
  const json = argv.includes("--json");
  let baseUrl = io.env.WISP_URL || DEFAULT_URL;
  try {
    const { command, args, options } = parse(argv);
    if (options.help || !command) {
      // Asked for, it is the answer; without a command, a usage error.
      (options.help ? io.stdout : io.stderr).write(`${help(command, args)}\n`);
      return options.help ? EXIT.ok : EXIT.usage;
    }
    baseUrl = portalUrl(typeof options.portal === "string" ? options.portal : baseUrl);
    const apiKey = options["api-key-stdin"] ? await keyFrom(io.stdin) : io.env.WISP_API_KEY;
    if (!apiKey) {
      throw new CliError(
        "No API key: set WISP_API_KEY, or pipe the key in with --api-key-stdin. " +
          "(wisp takes no key on the command line, where shell history and ps would show it.)",
      );
    }
    if (!/^\S+$/.test(apiKey)) throw new CliError("The API key contains spaces: check WISP_API_KEY or the input.");
    const client = createWispClient({ baseUrl, apiKey, timeoutMs: TIMEOUT_MS });
    const result = await command.run({ client, baseUrl }, args, options);
    io.stdout.write(json ? `${JSON.stringify(result.json, null, 2)}\n` : `${result.text}\n`);
    return EXIT.ok;
  } catch (error) {
    io.stderr.write(
      json ? `${JSON.stringify(describeJson(error, baseUrl), null, 2)}\n` : `wisp: ${describe(error, baseUrl)}\n`,
    );
    return exitCodeOf(error);
  }
}

// The command the words name, its positional arguments and options (checked against its own).
function parse(argv: string[]): { command?: Command; args: string[]; options: Options } {
  if (argv.some((arg) => /^--api-key(=|$)/.test(arg))) {
    throw new CliError(
      "wisp takes no API key on the command line (shell history and ps would show it): " +
        "set WISP_API_KEY, or pipe it in with --api-key-stdin.",
    );
  }
  const everyOption = Object.assign({}, GLOBAL_OPTIONS, ...COMMANDS.map((command) => command.options ?? {}));
  const { positionals } = parseArgs({ args: argv, options: everyOption, strict: false, allowPositionals: true });
  const command = COMMANDS.find((candidate) => startsWith(positionals, candidate.name.split(" ")));
  if (!command) {
    const { values } = parseArgs({ args: argv, options: GLOBAL_OPTIONS, strict: false, allowPositionals: true });
    const group = COMMANDS.some((candidate) => candidate.name.startsWith(`${positionals[0]} `));
    if (positionals.length === 0 || (group && positionals.length === 1)) {
      return { args: positionals, options: values as Options };
    }
    throw new CliError(`There is no command "wisp ${positionals.join(" ")}". Run wisp --help for the list.`);
  }
  try {
    const { values, positionals: words } = parseArgs({
      args: argv,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      strict: true,
      allowPositionals: true,
    });
    const args = words.slice(command.name.split(" ").length);
    if (!values.help && args.length !== command.args.length) {
      throw new CliError(
        `wisp ${command.name} takes ${command.args.length === 0 ? "no arguments" : command.args.join(" ")}` +
          `${args.length > command.args.length ? `, not "${args.slice(command.args.length).join(" ")}"` : ""}. ` +
          `Run wisp ${command.name} --help.`,
      );
    }
    return { command, args, options: values as Options };
  } catch (error) {
    if (error instanceof CliError) throw error;
    const message = (error as Error).message.split(". ")[0].replace(/\.$/, "");
    throw new CliError(`${message} for wisp ${command.name}. Run wisp ${command.name} --help.`);
  }
}

const startsWith = (words: string[], prefix: string[]) => prefix.every((word, index) => words[index] === word);

function help(command: Command | undefined, words: string[]): string {
  if (command) {
    return [
      `Usage: wisp ${command.name}${command.args.map((arg) => ` ${arg}`).join("")} [options]`,
      "",
      `${command.summary}.`,
      ...(command.optionHelp ? ["", "Options:", ...command.optionHelp.map((line) => `  ${line}`)] : []),
      "",
      "Options of every command:",
      ...GLOBAL_HELP.map((line) => `  ${line}`),
    ].join("\n");
  }
  const shown = COMMANDS.filter((candidate) => words.length === 0 || candidate.name.startsWith(`${words[0]} `));
  const width = Math.max(...shown.map((candidate) => `${candidate.name} ${candidate.args.join(" ")}`.length));
  return [
    "wisp: the Wisp Portal's API from the command line.",
    "",
    `Usage: wisp ${words[0] ?? "<command>"} ${words.length > 0 ? "<command> " : ""}[arguments] [options]`,
    "",
    "Commands:",
    ...shown.map(
      (candidate) => `  ${`${candidate.name} ${candidate.args.join(" ")}`.padEnd(width)}  ${candidate.summary}`,
    ),
    "",
    "Options of every command:",
    ...GLOBAL_HELP.map((line) => `  ${line}`),
    "",
    "The API key comes from WISP_API_KEY or, with --api-key-stdin, from standard input.",
    EXIT_HELP,
  ].join("\n");
}

function portalUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(
      `"${url}" is not a URL: set WISP_URL (or --portal) to the portal's address, e.g. ${DEFAULT_URL}.`,
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new CliError(`The portal's URL must start with http:// or https:// (got "${url}").`);
  }
  return parsed.origin;
}

// The first non-empty line of standard input.
async function keyFrom(stdin: AsyncIterable<string | Buffer>): Promise<string | undefined> {
  let input = "";
  for await (const chunk of stdin) {
    input += chunk.toString();
    if (/\S\r?\n/.test(input)) break;
  }
  const key = input
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find(Boolean);
  if (!key) throw new CliError("--api-key-stdin read no API key from standard input.");
  return key;
}
