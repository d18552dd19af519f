// Every InvokeCommand call that passed authentication, in order: what the portal's audit
// trail must be reconcilable with.
export type CallRecord = {
  time: string; // ISO UTC
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
