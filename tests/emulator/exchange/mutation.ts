import type { Tenant } from "../tenant/model";
import { matchMailboxes } from "./identity";

// Whether one call changed the tenant, for the call log: the mailbox a write names (-Identity,
// or the mailbox part of a folder identity "mbx:\Kalender") is compared before and after the
// cmdlet runs. Cmdlets run synchronously, so nothing else can change it in between. Reads
// change nothing and are not compared. whenChanged is left out: it only says that something
// else changed.

export type Snapshot = () => boolean; // true when the state differs from when it was taken

const serialise = (value: unknown) => JSON.stringify(value, (key, v: unknown) => (key === "whenChanged" ? undefined : v));

function identityOf(parameters: Record<string, unknown>): string | null {
  const key = Object.keys(parameters).find((k) => k.toLowerCase() === "identity");
  const value = key === undefined ? undefined : parameters[key];
  if (typeof value !== "string") return null;
  const at = value.indexOf(":\\");
  return at < 0 ? value : value.slice(0, at);
}

export function snapshotTarget(tenant: Tenant, cmdlet: string | null, parameters: Record<string, unknown> | null): Snapshot {
  if (!cmdlet || /^get-/i.test(cmdlet)) return () => false;
  const identity = parameters ? identityOf(parameters) : null;
  const matches = identity === null ? [] : matchMailboxes(tenant, identity);
  // An identity that names no single mailbox: compare the whole tenant (rare: such a call fails).
  const read = matches.length === 1 ? () => serialise(matches[0]) : () => serialise(tenant.mailboxes);
  const before = read();
  return () => read() !== before;
}
