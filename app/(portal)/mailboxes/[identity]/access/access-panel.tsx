"use client";

import { useState, type ComponentProps } from "react";
import { DataTable, type TColumn } from "@/app/_components/data-table";
import { Link } from "@/app/_components/link";
import { LocalTime } from "@/app/_components/local-time";
import { OutcomeBanner } from "@/app/_components/outcome-banner";
import type { TFormAction } from "@/app/_components/use-form-action";
import { applyRightChange, splitAccessRows, type TAccessRow } from "@/lib/cmdlets/access-rows";
import { RIGHT_ACTIONS, rightEndKey, type TRightEnds } from "@/lib/cmdlets/right-kinds";
import { formatInZone } from "@/lib/time/format";
import { changeAccessAction, type TAccessChangeShown } from "./actions";
import { AddRightForms } from "./add-right-forms";
import { RemoveRightButton } from "./remove-right-button";

type TOutcome = ComponentProps<typeof OutcomeBanner> & { href?: string };

const rowKey = (r: TAccessRow) => `${r.kind}:${r.trustee}`;

function columns(identity: string, ends: TRightEnds, zone: string): TColumn<TAccessRow>[] {
  return [
    { header: "Person", cell: (r) => <><div className="font-medium">{r.displayName}</div><div className="text-xs text-slate-600">{r.address ?? (r.explicit ? "not found in the directory" : "built-in")}</div></> },
    { header: "Right", cell: (r) => RIGHT_ACTIONS[r.kind].label },
    {
      header: "Details",
      cell: (r) => {
        const end = ends[rightEndKey(identity, r.kind, r.address ?? r.trustee)];
        return (
          <>
            {r.detail}
            {end && (
              <div className="text-sm text-slate-700" data-testid="right-until">
                until {formatInZone(new Date(end), zone)} (mailbox time), <LocalTime iso={end} /> your time
              </div>
            )}
          </>
        );
      },
    },
  ];
}

// The mailbox's rights and the forms that change them. A change's outcome goes on top and its
// read-back into the table, here in the browser: the page is not rendered again, which would read
// every list from Exchange again. The address gets the request's id, so a reload (or a link) shows
// the same outcome from the database.
type TProps = { identity: string; zone: string; rows: TAccessRow[]; ends: TRightEnds; canChange: boolean; outcome: TOutcome | null };

export function AccessPanel({ identity, zone, rows: initialRows, ends: initialEnds, canChange, outcome: initialOutcome }: TProps) {
  const [rows, setRows] = useState(initialRows);
  const [ends, setEnds] = useState(initialEnds);
  const [outcome, setOutcome] = useState(initialOutcome);
  const [showBuiltIn, setShowBuiltIn] = useState(false);
  const change: TFormAction<TAccessChangeShown> = async (prev, form) => {
    const result = await changeAccessAction(prev, form);
    if (result.ok) {
      setOutcome({ tone: result.tone, message: result.message, warnings: result.warnings, href: result.href });
      const shown = result.shown;
      if (shown?.change) {
        const { row } = shown.change;
        setRows((current) => applyRightChange(current, shown.change!));
        setEnds((current) => ({ ...current, [rightEndKey(identity, row.kind, row.address ?? row.trustee)]: shown.until ?? "" }));
      }
      if (shown) window.history.replaceState(null, "", `?request=${shown.requestId}`);
    }
    return result;
  };
  const { people, builtIn } = splitAccessRows(rows);
  const shownColumns = columns(identity, ends, zone);
  return (
    <>
      {outcome && (
        <div className="mt-4" aria-live="polite">
          <OutcomeBanner tone={outcome.tone} message={outcome.message} warnings={outcome.warnings}>
            {outcome.href && <Link href={outcome.href} className="ml-2 underline">See the request</Link>}
          </OutcomeBanner>
        </div>
      )}
      <h2 className="mt-6 text-lg font-semibold">Who has access</h2>
      <DataTable
        className="mt-2"
        caption="People with a right on this mailbox"
        rows={people}
        rowKey={rowKey}
        empty="Nobody has been given a right on this mailbox."
        columns={[
          ...shownColumns,
          {
            header: "Change",
            hideHeader: true,
            className: "text-right",
            cell: (r) =>
              canChange && (
                <RemoveRightButton action={change} actionId={RIGHT_ACTIONS[r.kind].remove} identity={identity} trustee={r.address ?? r.trustee}
                  label={`Remove ${RIGHT_ACTIONS[r.kind].label} for ${r.displayName}`} />
              ),
          },
        ]}
      />
      {builtIn.length > 0 && (
        <div className="mt-4">
          <button type="button" aria-expanded={showBuiltIn} aria-controls="built-in-entries" onClick={() => setShowBuiltIn((shown) => !shown)}
            className="text-sm font-medium text-blue-800 underline">
            {showBuiltIn ? "Hide" : "Show"} {builtIn.length} built-in {builtIn.length === 1 ? "entry" : "entries"}
          </button>
          <div id="built-in-entries" hidden={!showBuiltIn}>
            <p className="mt-2 text-sm text-slate-600">Entries Exchange keeps itself (the mailbox owner&apos;s SELF, the organisation&apos;s admin groups, calendar defaults) or inherits: nobody set them here, and they cannot be removed here.</p>
            <DataTable className="mt-2" caption="Built-in and inherited entries" rows={builtIn} rowKey={rowKey} columns={shownColumns} />
          </div>
        </div>
      )}
      {canChange ? <AddRightForms action={change} identity={identity} zone={zone} /> : <p className="mt-6 text-slate-600">Your ExoDesk role lets you view this mailbox but not change it.</p>}
    </>
  );
}
