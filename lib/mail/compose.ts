// Small helpers for the mails' two bodies: plain text is the message, the HTML is the
// same words with the links as buttons. Every value from a person (a name) is escaped.
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const utc = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

export function formatUtc(at: Date): string {
  return `${utc.format(at)} UTC`;
}

// A paragraph is text (escaped here) or, for a mail's own markup, HTML already escaped.
export type Paragraph = string | { html: string };

// An HTML body from paragraphs and one button.
export function htmlBody(
  paragraphs: Paragraph[],
  button: { label: string; url: string },
  after: Paragraph[] = [],
): string {
  const p = (text: Paragraph) =>
    typeof text === "string" ? `<p style="margin:0 0 16px">${escapeHtml(text)}</p>` : text.html;
  const url = escapeHtml(button.url);
  return [
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#111">`,
    ...paragraphs.map(p),
    `<p style="margin:0 0 16px"><a href="${url}" style="display:inline-block;padding:10px 16px;background:#111;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(button.label)}</a></p>`,
    `<p style="margin:0 0 16px;font-size:13px;color:#555">Or open this link: <a href="${url}">${url}</a></p>`,
    ...after.map(p),
    `</body></html>`,
  ].join("\n");
}
