// One page of a successful InvokeCommand answer:
//   {"@odata.context":"…","@adminapi.warnings":[…],"@odata.nextLink":"…","value":[{…}]}
export type ParsedPage = {
  value: Record<string, unknown>[];
  warnings: string[];
  nextLink?: string;
};

// Null when the text is not a success body (empty, not JSON, truncated, HTML, an error envelope):
// the caller turns that into a typed error rather than a short or empty list.
export function parseSuccessBody(text: string): ParsedPage | null {
  if (text === "") return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (Array.isArray(json)) return { value: toItems(json), warnings: [] };
  if (!isRecord(json)) return null;
  if (isRecord(json.error) && !("value" in json)) return null;

  const nextLink = json["@odata.nextLink"];
  try {
    return {
      value: readValue(json),
      warnings: readWarnings(json["@adminapi.warnings"]),
      nextLink: typeof nextLink === "string" && nextLink.trim() !== "" ? nextLink.trim() : undefined,
    };
  } catch {
    return null; // Nested deeper than the stack allows (stripAnnotations recurses): unreadable.
  }
}

function readValue(json: Record<string, unknown>): Record<string, unknown>[] {
  if (!("value" in json)) {
    // A single object sent without the collection wrapper.
    return Object.keys(json).some((key) => !isAnnotation(key)) ? [stripRecord(json)] : [];
  }
  const value = json.value;
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return toItems(value);
  return toItems([value]);
}

function toItems(values: unknown[]): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  for (const item of values) {
    if (item === null || item === undefined) continue;
    // A bare string or number (rare) is kept rather than dropped, so no result goes missing.
    items.push(isRecord(item) ? stripRecord(item) : { Value: stripAnnotations(item) });
  }
  return items;
}

export function readWarnings(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const warnings: string[] = [];
  for (const entry of list) {
    const text = typeof entry === "string" ? entry : isRecord(entry) ? warningText(entry) : undefined;
    if (text !== undefined && text.trim() !== "") warnings.push(text.trim());
  }
  return warnings;
}

function warningText(entry: Record<string, unknown>): string | undefined {
  for (const key of ["message", "Message", "value", "Value"]) {
    const found = entry[key];
    if (typeof found === "string") return found;
  }
  return undefined;
}

// Annotations ("X@odata.type", "@odata.context") are metadata, not properties.
export function stripAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripAnnotations);
  if (isRecord(value)) return stripRecord(value);
  return value;
}

function stripRecord(record: Record<string, unknown>): Record<string, unknown> {
  // fromEntries defines own properties, so a "__proto__" key cannot touch the prototype.
  return Object.fromEntries(
    Object.entries(record)
      .filter(([key]) => !isAnnotation(key))
      .map(([key, item]) => [key, stripAnnotations(item)]),
  );
}

function isAnnotation(key: string): boolean {
  return key.includes("@");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
