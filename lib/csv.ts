// CSV for the exports (audit log, a key's request log): RFC 4180 quoting, and a leading
// = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: unknown[]) => values.map(csvCell).join(",") + "\r\n";

// A stream of CSV text: the header, then each batch's rows as the reader asks for them.
export function csvStreamOf<T>(
  header: string,
  toLine: (item: T) => string,
  batches: AsyncGenerator<T[]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(header));
        return;
      }
      const { value, done } = await batches.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value.map(toLine).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
