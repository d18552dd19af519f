// Reads what an InvokeCommand error body says, whatever shape it arrived in:
//   {"error":{"code","message","details":[{"message":"<ErrorId>|<ExceptionClass>|<text>"}],
//             "innererror":{"message","type","internalexception":{"message","type"}}}}
// error.message is generic ("Error executing cmdlet", "Invalid Operation"); the human text is in
// details[0].message, else in innererror.internalexception.message.
export type ErrorBodyFacts = {
  envelope: boolean; // a JSON `error` object was found
  code?: string;
  errorId?: string;
  exceptionClass?: string;
  text?: string; // the human text, cleaned; absent when the body has only generic text
  searchable: string; // every string in the body, for matching exception names and phrases
};

type TPiped = { errorId?: string; exceptionClass: string; text: string };

const GENERIC_MESSAGES =
  /^(error executing cmdlet|invalid operation|an error has occurred\.?|internal server error|bad request|forbidden|not found|unauthorized|service unavailable)$/i;
const PIPED = /^([^|\s]*)\|([A-Za-z_][\w.`+]*)\|([\s\S]*)$/;
// In a truncated body the details message may still be complete.
const PIPED_IN_RAW = /"message"\s*:\s*"([^"|\\\s]*)\|([A-Za-z_][\w.`+]*)\|((?:[^"\\]|\\.)*)"/;
const MAX_TEXT_CHARS = 1000;

export function readErrorBody(body: string): ErrorBodyFacts {
  if (body === "") return { envelope: false, searchable: "" };
  const error = findErrorObject(parseJson(body));
  return error ? readEnvelope(error) : salvageRaw(body);
}

function readEnvelope(error: Record<string, unknown>): ErrorBodyFacts {
  const details = Array.isArray(error.details) ? error.details : isRecord(error.details) ? [error.details] : [];
  const inner = recordAt(error, "innererror") ?? recordAt(error, "innerError");
  const internal = inner && (recordAt(inner, "internalexception") ?? recordAt(inner, "internalException"));

  let facts = readMessage(messageOf(details[0]));
  if (facts.text === undefined) {
    const fromInternal = readMessage(messageOf(internal));
    facts = { ...fromInternal, exceptionClass: facts.exceptionClass ?? fromInternal.exceptionClass, errorId: facts.errorId ?? fromInternal.errorId };
  }
  const exceptionClass = facts.exceptionClass ?? stringAt(internal, "type");
  const text = facts.text ?? cleanText(messageOf(error)) ?? cleanText(messageOf(inner));

  return {
    envelope: true,
    code: stringAt(error, "code"),
    errorId: facts.errorId,
    exceptionClass,
    text,
    searchable: collectStrings(error).join("\n"),
  };
}

function readMessage(message: string | undefined): { errorId?: string; exceptionClass?: string; text?: string } {
  if (message === undefined) return {};
  const serialised = readSerialisedException(message);
  if (serialised) return serialised;
  const piped = splitPiped(message);
  if (piped) {
    const inner = readSerialisedException(piped.text);
    if (inner) return { errorId: piped.errorId ?? inner.errorId, exceptionClass: inner.exceptionClass ?? piped.exceptionClass, text: inner.text };
    return { errorId: piped.errorId, exceptionClass: piped.exceptionClass, text: cleanText(piped.text) };
  }
  return { text: cleanText(message) };
}

// details[0].message may be a serialised .NET exception instead of "<id>|<class>|<text>":
//   {"ClassName":"Microsoft.Exchange…ManagementObjectNotFoundException","Message":"…",
//    "localizedString":{"stringId":"…","LocalizedString":"…"},"InnerException":{…},…}
// The module parses it itself; so do we, into the same class and text.
export function readSerialisedException(message: string): { errorId?: string; exceptionClass?: string; text?: string } | undefined {
  const json = parseJson(message.trim());
  if (!isRecord(json)) return undefined;
  const exceptionClass = stringAt(json, "ClassName") ?? stringAt(json, "className") ?? stringAt(json, "Type") ?? stringAt(json, "type");
  const text = serialisedText(json, 0);
  if (exceptionClass === undefined && text === undefined) return undefined;
  return { errorId: stringAt(json, "ErrorId") ?? stringAt(json, "errorId"), exceptionClass, text };
}

function serialisedText(json: Record<string, unknown>, depth: number): string | undefined {
  if (depth > 4) return undefined;
  for (const key of ["Message", "message", "_message"]) {
    const text = cleanText(stringAt(json, key));
    if (text !== undefined) return text;
  }
  const localized = recordAt(json, "localizedString") ?? recordAt(json, "LocalizedString");
  if (localized) {
    for (const key of ["LocalizedString", "localizedString", "Message", "message", "value"]) {
      const text = cleanText(stringAt(localized, key));
      if (text !== undefined) return text;
    }
  }
  const direct = cleanText(stringAt(json, "localizedString") ?? stringAt(json, "LocalizedString"));
  if (direct !== undefined) return direct;
  const inner = recordAt(json, "InnerException") ?? recordAt(json, "innerException");
  return inner ? serialisedText(inner, depth + 1) : undefined;
}

function salvageRaw(body: string): ErrorBodyFacts {
  const match = PIPED_IN_RAW.exec(body);
  if (!match) return { envelope: false, searchable: body };
  return {
    envelope: false,
    errorId: match[1] || undefined,
    exceptionClass: match[2],
    text: cleanText(unescapeJsonString(match[3] ?? "")),
    searchable: body,
  };
}

export function splitPiped(message: string): TPiped | undefined {
  const match = PIPED.exec(message.trim());
  if (!match) return undefined;
  return { errorId: match[1] || undefined, exceptionClass: match[2] ?? "", text: match[3] ?? "" };
}

// Plain, short, specific: no stack trace, no server names, no generic wrapper text.
function cleanText(message: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  const withoutStack = message.split(/\r?\n\s*at\s|--- End of (?:inner exception )?stack trace/)[0] ?? "";
  const text = withoutStack
    .replace(/(couldn.t be found) on '[^'\s]+'/i, "$1")
    .replace(/\s+/g, " ")
    .trim();
  if (text === "" || GENERIC_MESSAGES.test(text)) return undefined;
  return text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS - 1)}…` : text;
}

function findErrorObject(json: unknown): Record<string, unknown> | undefined {
  if (!isRecord(json)) return undefined;
  const error = recordAt(json, "error") ?? recordAt(json, "odata.error");
  if (error) return error;
  return typeof json.code === "string" && json.message !== undefined ? json : undefined;
}

// OData v3 bodies carry message as {"lang":"en-US","value":"…"}.
function messageOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (!isRecord(value)) return undefined;
  const message = value.message ?? value.Message;
  if (typeof message === "string") return message;
  if (isRecord(message) && typeof message.value === "string") return message.value;
  return undefined;
}

function collectStrings(value: unknown, depth = 0, out: string[] = []): string[] {
  if (depth > 8 || out.length > 200) return out;
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, depth + 1, out);
  else if (isRecord(value)) for (const item of Object.values(value)) collectStrings(item, depth + 1, out);
  return out;
}

function parseJson(text: string): unknown {
  if (!text.startsWith("{") && !text.startsWith("[")) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function unescapeJsonString(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function recordAt(value: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const found = value[key];
  return isRecord(found) ? found : undefined;
}

function stringAt(value: Record<string, unknown> | undefined, key: string): string | undefined {
  const found = value?.[key];
  return typeof found === "string" && found.trim() !== "" ? found.trim() : undefined;
}
