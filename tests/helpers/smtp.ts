import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { addMailSource } from "./mail-sources";

// A real SMTP server on a free loopback port that keeps what arrives: in memory, and (with
// `dir`) as one .eml file per message, for tests running in other processes than the one
// that started it. It wants the given user and password (plain AUTH without TLS, as on
// loopback only). `accept = false` answers every message with a temporary failure (451),
// and so does a recipient whose address starts with "tempfail-", always.
export type ReceivedMail = { raw: string; messageId: string; subject: string; to: string[]; user: string };
export type TestSmtp = {
  url: string;
  port: number;
  received: ReceivedMail[];
  accept: boolean;
  stop: () => Promise<void>;
};

export async function startTestSmtp(options: {
  user: string;
  password: string;
  dir?: string;
  port?: number;
}): Promise<TestSmtp> {
  if (options.dir) mkdirSync(options.dir, { recursive: true });
  const received: ReceivedMail[] = [];
  const state = { accept: true };
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onRcptTo(address, _session, callback) {
      if (!address.address.startsWith("tempfail-")) return callback();
      const error = new Error("Mailbox busy, try again later") as Error & { responseCode: number };
      error.responseCode = 451;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (!state.accept) {
          const error = new Error("Try again later") as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const mail = {
          raw,
          messageId: header(raw, "Message-ID"),
          subject: header(raw, "Subject"),
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          user: String(session.user ?? ""),
        };
        received.push(mail);
        // Written whole, then renamed: a reader in another process never sees half a message.
        if (options.dir) {
          const file = path.join(options.dir, `${String(received.length).padStart(5, "0")}.eml`);
          writeFileSync(`${file}.tmp`, raw);
          renameSync(`${file}.tmp`, file);
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  // Signing up in this process reads the verification code from here (mail-sources.ts).
  addMailSource(() => received);
  const { port } = server.server.address() as AddressInfo;
  const credentials = `${encodeURIComponent(options.user)}:${encodeURIComponent(options.password)}`;
  return {
    url: `smtp://${credentials}@127.0.0.1:${port}`,
    port,
    received,
    get accept() {
      return state.accept;
    },
    set accept(value: boolean) {
      state.accept = value;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// A header's value (folded lines joined).
export function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((entry) => entry.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : "";
}

// The message with quoted-printable soft line breaks and escapes undone, enough to find
// links and words in either body.
export function readable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// The messages saved in `dir` (by a test SMTP server in another process, or by a server
// without SMTP_URL) so far, in the order of their file names. Each file is read once.
const readFiles = new Map<string, ReceivedMail>();

export function mailsIn(dir: string): ReceivedMail[] {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith(".eml"));
  } catch {
    return [];
  }
  return files.sort().map((file) => {
    const full = path.join(dir, file);
    const known = readFiles.get(full);
    if (known) return known;
    const raw = readFileSync(full, "utf8");
    const mail = {
      raw,
      messageId: header(raw, "Message-ID"),
      subject: header(raw, "Subject"),
      to: [header(raw, "To")],
      user: "",
    };
    readFiles.set(full, mail);
    return mail;
  });
}
