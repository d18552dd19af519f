import { cmdletErrors } from "./cmdlet-errors";

// Binds InvokeCommand's JSON parameters to a cmdlet's declared parameters the way Exchange
// does: names case-insensitive; unknown names refused before anything runs; values converted
// to the parameter's type or refused naming the parameter.

// "value": the JSON value as sent (null included), for parameters the cmdlet parses itself
// (GenericHashTable updates, flag lists).
export type ParamType = "string" | "enum" | "enum[]" | "datetime" | "bool" | "resultsize" | "value";

export type ParamSpec = {
  name: string;
  type: ParamType;
  mandatory?: boolean;
  nullable?: boolean; // JSON null clears the value
  enumType?: string; // the .NET type named in conversion errors
  values?: readonly string[];
};

// -Identity, which almost every cmdlet takes and requires.
export const IDENTITY: ParamSpec = { name: "Identity", type: "string", mandatory: true };

export type Bound = Map<string, unknown>; // canonical name -> converted value

// PowerShell's common parameters, accepted by every cmdlet. The module passes -ErrorAction and
// -WarningAction on as strings ("Stop", "SilentlyContinue"); a value that is not an
// ActionPreference is refused as PowerShell refuses it. They have no effect here.
const ACTION_PREFERENCES = ["SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend", "Break"] as const;
const action = (name: string): ParamSpec => ({ name, type: "enum", values: ACTION_PREFERENCES, enumType: "System.Management.Automation.ActionPreference" });
const COMMON_SPECS: ParamSpec[] = [
  { name: "Confirm", type: "bool" },
  { name: "Verbose", type: "bool" },
  { name: "Debug", type: "bool" },
  action("ErrorAction"),
  action("WarningAction"),
  action("InformationAction"),
];
const COMMON = COMMON_SPECS.map((s) => s.name);

function display(value: unknown): string {
  if (Array.isArray(value)) return "System.Object[]";
  if (value !== null && typeof value === "object") return "System.Collections.Hashtable";
  return String(value);
}

function toEnum(spec: ParamSpec, value: unknown): string {
  const values = spec.values ?? [];
  const match = typeof value === "string" ? values.find((v) => v.toLowerCase() === value.trim().toLowerCase()) : undefined;
  if (match) return match;
  throw cmdletErrors.transformation(
    spec.name,
    display(value),
    spec.enumType ?? "System.String",
    `Unable to match the identifier name ${display(value)} to a valid enumerator name. Specify one of the following enumerator names and try again: ${values.join(", ")}`,
  );
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i;

// Dates without an offset are UTC (that is how the module sends them).
export function parseExchangeDate(text: string): Date | undefined {
  const s = text.trim();
  let m = s.match(ISO);
  if (m) {
    const [, y, mo, d, h = "0", mi = "0", sec = "0", frac = "", zone] = m;
    const ms = Number(frac.padEnd(3, "0").slice(0, 3));
    let t = utcIfValid(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(sec), ms);
    if (t === undefined) return undefined;
    if (zone && zone.toUpperCase() !== "Z") {
      const sign = zone.startsWith("-") ? -1 : 1;
      const digits = zone.slice(1).replace(":", "");
      t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
    return new Date(t);
  }
  m = s.match(US);
  if (m) {
    const [, mo, d, y, h = "0", mi = "0", sec = "0", ampm] = m;
    let hour = Number(h);
    if (ampm) hour = (hour % 12) + (ampm.toUpperCase() === "PM" ? 12 : 0);
    const t = utcIfValid(Number(y), Number(mo), Number(d), hour, Number(mi), Number(sec), 0);
    return t === undefined ? undefined : new Date(t);
  }
  return undefined;
}

function utcIfValid(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | undefined {
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const date = new Date(t);
  const valid = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
  return valid ? t : undefined;
}

function convert(spec: ParamSpec, value: unknown): unknown {
  if (spec.type === "value") return value;
  if (value === null) {
    if (spec.nullable) return null;
    throw cmdletErrors.transformation(spec.name, "", spec.enumType ?? "System.String", "Cannot bind argument to parameter because it is null.");
  }
  switch (spec.type) {
    case "string":
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
      throw cmdletErrors.transformation(spec.name, display(value), "System.String", "Specified method is not supported.");
    case "enum":
      return toEnum(spec, value);
    case "enum[]":
      return (Array.isArray(value) ? value : [value]).map((v) => toEnum(spec, v));
    case "bool":
      if (typeof value === "boolean") return value;
      if (value === 0 || value === 1) return value === 1;
      throw cmdletErrors.transformation(
        spec.name,
        display(value),
        "System.Boolean",
        "Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.",
      );
    case "datetime": {
      const date = typeof value === "string" ? parseExchangeDate(value) : undefined;
      if (date && !Number.isNaN(date.getTime())) return date;
      throw cmdletErrors.transformation(spec.name, display(value), "System.DateTime", `String '${display(value)}' was not recognized as a valid DateTime.`);
    }
    case "resultsize": {
      if (typeof value === "string" && value.trim().toLowerCase() === "unlimited") return Number.POSITIVE_INFINITY;
      const n = typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
      if (Number.isInteger(n) && n > 0) return n;
      throw cmdletErrors.transformation(
        spec.name,
        display(value),
        "Microsoft.Exchange.Data.Unlimited`1[System.UInt32]",
        `The value "${display(value)}" is not a valid value for ResultSize: use a whole number greater than 0 or Unlimited.`,
      );
    }
  }
}

export function bindParameters(specs: ParamSpec[], input: Record<string, unknown>): Bound {
  const byName = new Map(specs.map((s) => [s.name.toLowerCase(), s]));
  const unknown = Object.keys(input).filter((k) => !byName.has(k.toLowerCase()) && !COMMON.some((c) => c.toLowerCase() === k.toLowerCase()));
  if (unknown.length > 0) throw cmdletErrors.unknownParameters(unknown);
  const given = new Map(Object.entries(input).map(([k, v]) => [k.toLowerCase(), v] as const));
  const missing = specs.filter((s) => s.mandatory && (!given.has(s.name.toLowerCase()) || given.get(s.name.toLowerCase()) === null));
  if (missing.length > 0) throw cmdletErrors.missingMandatory(missing.map((s) => s.name));
  const bound: Bound = new Map();
  for (const spec of COMMON_SPECS) {
    const key = spec.name.toLowerCase();
    if (given.has(key) && !byName.has(key)) convert(spec, given.get(key));
  }
  for (const spec of specs) {
    const key = spec.name.toLowerCase();
    if (given.has(key)) bound.set(spec.name, convert(spec, given.get(key)));
  }
  return bound;
}
