// The Playwright servers' mail server: a real SMTP server (tests/helpers/smtp.ts) on the
// given port that saves each message it receives as an .eml file in the given folder,
// where specs read it (e2e/mail.ts). Playwright starts it before the portal's servers and
// stops it (SIGTERM) at the end.
import { startTestSmtp } from "../tests/helpers/smtp";

const [port, dir, user, password] = process.argv.slice(2);
const smtp = await startTestSmtp({ user, password, dir, port: Number(port) });
console.log(`test SMTP server on port ${smtp.port}, saving to ${dir}`);

const stop = () => void smtp.stop().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
