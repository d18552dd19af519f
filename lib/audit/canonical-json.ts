// Deterministic JSON: object keys sorted at every depth, so a row hashes the same everywhere.
// JSON.stringify still lists integer-like keys ("0", "17") first, in numeric order; every
// stored hash has that order, so the fast verifier (verify-chain.ts) follows it too.
export function toCanonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort()
        .map((k) => [k, sortKeys(obj[k])]),
    );
  }
  return value;
}
