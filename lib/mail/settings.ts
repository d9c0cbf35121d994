import { config } from "@/lib/config";

// The mail settings as the mail code needs them. SMTP_URL and MAIL_FROM are parsed with
// every other setting (lib/settings.mjs): a bad value stops the start with exit 1, naming
// the variable but never the URL (it may hold a password).

// Whether mail leaves this server (else it is saved in DATA_DIR/mail/ and logged).
export function mailIsSetUp(): boolean {
  return config.smtpUrl !== "";
}

// MAIL_FROM, or no-reply at the portal's host.
export function mailFrom(): string {
  return config.mailFrom || `Wisp Portal <no-reply@${appHost()}>`;
}

// The domain of a mail's Message-ID: the sender's.
export function messageIdDomain(): string {
  return /@([^<>@\s]+)>?\s*$/.exec(mailFrom())?.[1] ?? appHost();
}

// Where links in mail point: APP_URL, else this server on localhost. Never a request's
// Host, which the person asking could choose (to have the addressee send them a link's
// token); a notice may come from no request at all (the expiry scan).
export function portalOrigin(): string {
  return config.appUrl ? new URL(config.appUrl).origin : `http://localhost:${config.port}`;
}

function appHost(): string {
  try {
    return new URL(config.appUrl).hostname || "localhost";
  } catch {
    return "localhost";
  }
}
