// One page of a successful InvokeCommand answer:
//   {"@odata.context":"…","@adminapi.warnings":[…],"@odata.nextLink":"…","value":[{…}]}
export type ParsedPage = {
  value: Record<string, unknown>[];
  warnings: string[];
  // "@adminapi.errors": a 200 that failed (the module writes each and fails the call). Each
  // entry as text, for errors.ts to read like details[0].message.
  errors: string[];
  nextLink?: string;
};

// The module drops this warning from a page that has a next link: more results do follow.
const MORE_RESULTS = /^There are more results available than are currently displayed/i;

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
  if (Array.isArray(json)) return { value: toItems(json), warnings: [], errors: [] };
  if (!isRecord(json)) return null;
  if (isRecord(json.error) && !("value" in json)) return null;

  const rawNext = json["@odata.nextLink"];
  const nextLink = typeof rawNext === "string" && rawNext.trim() !== "" ? rawNext.trim() : undefined;
  try {
    const warnings = readWarnings(json["@adminapi.warnings"]);
    return {
      value: readValue(json),
      warnings: nextLink === undefined ? warnings : warnings.filter((w) => !MORE_RESULTS.test(w)),
      errors: readReportedErrors(json["@adminapi.errors"]),
      nextLink,
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

// Entries are strings or objects; an object without a recognisable message is kept whole (as
// JSON), so a serialised exception is still read and nothing is silently dropped.
export function readReportedErrors(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const errors: string[] = [];
  for (const entry of list) {
    if (entry === null || entry === undefined) continue;
    const text = typeof entry === "string" ? entry : isRecord(entry) ? (errorText(entry) ?? JSON.stringify(entry)) : JSON.stringify(entry);
    if (text.trim() !== "") errors.push(text.trim());
  }
  return errors;
}

function errorText(entry: Record<string, unknown>): string | undefined {
  if (typeof entry.ClassName === "string") return JSON.stringify(entry); // a serialised exception
  const found = warningText(entry) ?? entry.ErrorMessage ?? entry.errorMessage ?? entry.Exception;
  return typeof found === "string" ? found : isRecord(found) ? JSON.stringify(found) : undefined;
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
