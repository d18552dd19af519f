// A readable before/after comparison of two mailbox states: one line per changed leaf, named
// by its path (e.g. "autoReplyState", "entries[2].accessRights").

export type TStateChange = { path: string; before: string | null; after: string | null };

function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, "(none)");
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
  } else if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) out.set(path, "(empty)");
    for (const [k, v] of entries) flatten(v, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, value === null || value === undefined ? "(not set)" : String(value));
  }
}

export function diffStates(before: unknown, after: unknown): TStateChange[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(before, "", a);
  flatten(after, "", b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((p) => a.get(p) !== b.get(p))
    .map((p) => ({ path: p || "(value)", before: a.get(p) ?? null, after: b.get(p) ?? null }));
}
