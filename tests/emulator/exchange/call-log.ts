// Every InvokeCommand call that passed authentication, in order: what the portal's audit
// trail must be reconcilable with.
export type CallRecord = {
  time: string; // ISO UTC, when the call arrived (after authentication)
  endTime: string; // ISO UTC, when its answer was ready: with time, which calls ran in sequence
  upn: string;
  oid: string;
  cmdlet: string | null;
  parameters: Record<string, unknown> | null;
  clientRequestId: string | null;
  requestId: string;
  anchorMailbox: string | null;
  nextPage: boolean; // a POST to an @odata.nextLink
  status: number;
  fault: string | null; // the injected fault that shaped the answer, if any
  warnings: string[];
  // ran: the call reached the cmdlet (no fault refused it first; it may still have failed).
  // changed: the cmdlet changed the mailbox it names (writes only; see mutation.ts). A fault
  // after the run (a 5xx, a garbled body) can hide a change: changed says what really happened.
  ran: boolean;
  changed: boolean;
};

export class CallLog {
  private entries: CallRecord[] = [];

  add(record: CallRecord): void {
    this.entries.push(record);
  }

  list(): CallRecord[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
