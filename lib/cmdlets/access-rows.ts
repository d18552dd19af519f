import { sameIdentity } from "@/lib/exchange/identity";
import type { TRightKind } from "./permission-entries";

// The access page's rows, and how one change moves them: pure, so the page can apply a change's
// read-back in the browser instead of reading every list from Exchange again.
export type TAccessRow = {
  kind: TRightKind;
  trustee: string; // as Exchange reported it; what a removal sends
  displayName: string;
  address: string | null;
  detail: string;
  explicit: boolean; // false for inherited and built-in entries (SELF, Default, Anonymous)
};

// One person's right of one kind after a change, as read back from Exchange.
export type TRightAfterChange = { row: TAccessRow; present: boolean };

// People with access first, then by name and kind.
export function sortAccessRows(rows: TAccessRow[]): TAccessRow[] {
  return rows.sort((a, b) => Number(b.explicit) - Number(a.explicit) || a.displayName.localeCompare(b.displayName) || a.kind.localeCompare(b.kind));
}

// The people given a right on the mailbox, and apart from them the built-in and inherited entries
// (NT AUTHORITY\SELF, the organisation's admin groups, Default and Anonymous on a calendar), which
// nobody at the helpdesk set and none can remove here.
export function splitAccessRows(rows: readonly TAccessRow[]): { people: TAccessRow[]; builtIn: TAccessRow[] } {
  return { people: rows.filter((r) => r.explicit), builtIn: rows.filter((r) => !r.explicit) };
}

const samePerson = (row: TAccessRow, other: TAccessRow) =>
  sameIdentity(row.trustee, other.trustee) || (row.address !== null && other.address !== null && sameIdentity(row.address, other.address));

// The rows with that person's explicit right of that kind replaced by what the read-back shows.
export function applyRightChange(rows: readonly TAccessRow[], change: TRightAfterChange): TAccessRow[] {
  const others = rows.filter((r) => !(r.explicit && r.kind === change.row.kind && samePerson(r, change.row)));
  return sortAccessRows(change.present ? [...others, change.row] : others);
}
