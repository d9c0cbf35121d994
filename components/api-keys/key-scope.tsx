import type { ApiKeyJson } from "@/lib/validations/api-key";
import type { ScopeChoices } from "./types";

// A key's scope on its page: "Whole account", or the networks and groups it reaches by name
// (a record deleted since is shown as such: it reaches nothing).
export function KeyScope({ scope, choices }: { scope: ApiKeyJson["scope"]; choices: ScopeChoices }) {
  if (!scope) return <span className="text-muted-foreground">Whole account</span>;
  const named = (ids: string[], options: ScopeChoices["networks"], missing: string) =>
    ids.map((id) => ({ id, name: options.find((option) => option.value === id)?.label ?? missing }));
  const entries = [
    ...named(scope.networks, choices.networks, "(deleted network)").map((entry) => ({ ...entry, kind: "Network" })),
    ...named(scope.groups, choices.groups, "(deleted group)").map((entry) => ({ ...entry, kind: "Group" })),
  ];
  if (entries.length === 0) return <span className="text-muted-foreground">Nothing</span>;
  return (
    <ul className="space-y-0.5" aria-label="Scope">
      {entries.map((entry) => (
        <li key={`${entry.kind}-${entry.id}`} className="[overflow-wrap:anywhere]">
          <span className="text-xs text-muted-foreground">{entry.kind}: </span>
          {entry.name}
        </li>
      ))}
    </ul>
  );
}
