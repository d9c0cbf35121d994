// A leak reporter's free text (anyone may report a key): never a sentence of the portal,
// always labelled and quoted, cut at NOTE_LENGTH characters with the whole in its title.
const NOTE_LENGTH = 80;

export function ReporterNote({ source }: { source: string }) {
  const shown = source.length > NOTE_LENGTH ? `${source.slice(0, NOTE_LENGTH - 1)}…` : source;
  return (
    <span className="[overflow-wrap:anywhere]">
      Reporter&apos;s note:{" "}
      <q title={source} className="italic">
        {shown}
      </q>
    </span>
  );
}
