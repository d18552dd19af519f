// How InvokeCommand writes objects: each property of a GenericHashTable, with OData
// annotations before typed values (as captured from Exchange Online):
//   "X@odata.type":"#Collection(String)"                       arrays
//   "X@data.type":"System.Guid","X@odata.type":"#Guid"          GUIDs
//   "X@data.type":"System.DateTime"                             dates, "2022-09-21T08:07:47.0000000+00:00"
//   "X@data.type":"System.Int32","X@odata.type":"#Int32"        integers

type TypedKind = "guid" | "int32" | "utc-datetime" | "local-datetime";

export class Typed {
  constructor(
    readonly kind: TypedKind,
    readonly value: string | number | Date,
  ) {}
}

export const guid = (v: string): Typed => new Typed("guid", v);
export const int32 = (v: number): Typed => new Typed("int32", v);
// *UTC properties end in Z.
export const utcDate = (d: Date): Typed => new Typed("utc-datetime", d);
// A server-local DateTime (Exchange Online servers run in UTC) written without an offset.
export const localDate = (d: Date): Typed => new Typed("local-datetime", d);

export type Cell = string | number | boolean | null | Date | Typed | string[];
export type Cells = Record<string, Cell>;

function seventhDigits(d: Date): string {
  const iso = d.toISOString(); // 2022-09-21T08:07:47.123Z
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}0000`;
}

export function formatOffsetDate(d: Date): string {
  return `${seventhDigits(d)}+00:00`;
}

export function toODataObject(cells: Cells): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(cells)) {
    if (Array.isArray(value)) {
      out[`${key}@odata.type`] = "#Collection(String)";
      out[key] = value;
    } else if (value instanceof Date) {
      out[`${key}@data.type`] = "System.DateTime";
      out[key] = formatOffsetDate(value);
    } else if (value instanceof Typed) {
      switch (value.kind) {
        case "guid":
          out[`${key}@data.type`] = "System.Guid";
          out[`${key}@odata.type`] = "#Guid";
          out[key] = value.value;
          break;
        case "int32":
          out[`${key}@data.type`] = "System.Int32";
          out[`${key}@odata.type`] = "#Int32";
          out[key] = value.value;
          break;
        case "utc-datetime":
          out[`${key}@data.type`] = "System.DateTime";
          out[key] = `${seventhDigits(value.value as Date)}Z`;
          break;
        case "local-datetime":
          out[`${key}@data.type`] = "System.DateTime";
          out[key] = seventhDigits(value.value as Date);
          break;
      }
    } else {
      out[key] = value;
    }
  }
  return out;
}

// ?$select=A,B keeps those properties (case-insensitive) and their annotations.
export function parseSelect(url: URL): string[] | null {
  const raw = url.searchParams.get("$select");
  if (raw === null) return null;
  return raw
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

export function project(row: Record<string, unknown>, select: string[] | null): Record<string, unknown> {
  if (!select) return row;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const base = key.split("@")[0]!.toLowerCase();
    if (select.includes(base)) out[key] = value;
  }
  return out;
}
