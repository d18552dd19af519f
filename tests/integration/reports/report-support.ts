import { parse } from "csv-parse/sync";
import type { TSessionUser } from "@/lib/auth/session-user";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { getDb } from "@/lib/db/client";
import type { TReportRow } from "@/lib/reports/query-report";
import type { Harness } from "../../emulator/test-support/harness";
import { exchangeAs, type TEmulatorMailbox } from "../support/emulator-exchange";

// What a report row must say about a mailbox, worked out from the emulator's stored tenant
// (read around Exchange), and the report's own rows and CSV in the same form to compare. The
// rules are written out here, not imported from lib/reports: a fault in the report's own
// formatting would otherwise sit on both sides of the comparison.

export type TStoredMailbox = TEmulatorMailbox & {
  userPrincipalName: string;
  primarySmtpAddress: string;
  displayName: string;
  department: string;
  recipientTypeDetails: string;
};

export type TComparable = Omit<TReportRow, "state" | "error" | "startTime" | "endTime"> & { startTime: string | null; endTime: string | null };

export async function readTenant(h: Harness): Promise<TStoredMailbox[]> {
  return (await h.control<{ mailboxes: TStoredMailbox[] }>("GET", "state")).mailboxes;
}

export function sessionUser(upn: string): TSessionUser {
  return { oid: `oid-${upn}`, tid: "tid-reports", upn, name: upn, roles: ["ExoDesk.Helpdesk"] };
}

// A fresh token for every batch, as the portal gets one; `reads` counts auto-reply reads per
// mailbox (each mailbox's row starts with one).
export function countingExchange(h: Harness): { exchangeFor: (user: TSessionUser) => Promise<TExchange>; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const clients = new Map<string, { ex: TExchange; at: number }>();
  return {
    reads,
    exchangeFor: async (user) => {
      // The builder asks for a client per batch; the emulator's sign-in is a whole browser-like
      // flow, so one token per person is reused for a minute (emulator tokens live an hour).
      const cached = clients.get(user.upn);
      const ex = cached && cached.at > Date.now() - 60_000 ? cached.ex : await exchangeAs(h, user.upn);
      if (ex !== cached?.ex) clients.set(user.upn, { ex, at: Date.now() });
      return {
        invoke: (cmdlet, parameters, options) => {
          if (cmdlet === "Get-MailboxAutoReplyConfiguration") {
            const id = String(parameters.Identity).toLowerCase();
            reads.set(id, (reads.get(id) ?? 0) + 1);
          }
          return ex.invoke(cmdlet, parameters, options);
        },
      };
    },
  };
}

// A report as startReport creates it, without starting its build.
export async function newReport(upn: string) {
  const user = sessionUser(upn);
  return await getDb().mailboxReport.create({ data: { tenantId: user.tid, requesterOid: user.oid, requesterUpn: user.upn, requesterName: user.name, status: "BUILDING" } });
}

// A builder that stops itself once `count` mailboxes have been read (its signal aborts; the
// mailboxes in flight finish), as a builder whose process is stopped mid-way.
export function stoppingAfter(counting: ReturnType<typeof countingExchange>, count: number): { exchangeFor: (user: TSessionUser) => Promise<TExchange>; signal: AbortSignal } {
  const kill = new AbortController();
  const exchangeFor = async (user: TSessionUser): Promise<TExchange> => {
    const ex = await counting.exchangeFor(user);
    return {
      invoke: async (...args) => {
        if (counting.reads.size >= count) kill.abort();
        return await ex.invoke(...args);
      },
    };
  };
  return { exchangeFor, signal: kill.signal };
}

// Code-unit order: the same in every locale, so two lists sort alike.
export const byAddress = (a: { address: string }, b: { address: string }) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);

const sorted = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));

// The emulator keys people by lower-case UPN; the report names them by address.
export function expectedRows(tenant: TStoredMailbox[]): TComparable[] {
  const addressOf = new Map(tenant.map((m) => [m.userPrincipalName.toLowerCase(), m.primarySmtpAddress.toLowerCase()]));
  const name = (key: string) => addressOf.get(key.toLowerCase()) ?? `unknown ${key}`;
  return tenant
    .map((m) => ({
      address: m.primarySmtpAddress,
      displayName: m.displayName,
      department: m.department || null,
      kind: m.recipientTypeDetails,
      autoReplyState: m.autoReply.autoReplyState,
      startTime: new Date(m.autoReply.startTime).toISOString(),
      endTime: new Date(m.autoReply.endTime).toISOString(),
      externalAudience: m.autoReply.externalAudience,
      fullAccess: sorted(m.mailboxPermissions.filter((e) => e.accessRights.includes("FullAccess") && !e.deny && !e.isInherited && !e.user.startsWith("NT AUTHORITY\\")).map((e) => name(e.user))),
      sendAs: sorted(m.recipientPermissions.filter((e) => e.accessRights.includes("SendAs") && e.accessControlType === "Allow" && !e.isInherited && !e.trustee.startsWith("NT AUTHORITY\\")).map((e) => name(e.trustee))),
      sendOnBehalf: sorted(m.grantSendOnBehalfTo.map(name)),
      // "address: Role", and " (Delegate…)" for a delegate: the emulator stores the flags as
      // Exchange writes them ("Delegate, CanViewPrivateItems"), which is how the report shows them.
      calendar: sorted(
        m.calendar.permissions
          .filter((e) => e.user !== "Default" && e.user !== "Anonymous")
          .map((e) => `${name(e.user)}: ${e.accessRights.join(", ")}${e.sharingPermissionFlags ? ` (${e.sharingPermissionFlags})` : ""}`),
      ),
    }))
    .sort(byAddress);
}

// The demo tenant's own delegations (DELEGATION_SEED in tests/emulator/tenant/seed-people.ts)
// as a person reads them in the report, written out by hand.
const at = (alias: string) => `${alias}@contoso.onmicrosoft.com`;
export const KNOWN_DELEGATES = [
  { address: at("adele.vance"), fullAccess: [], sendAs: [], sendOnBehalf: [], calendar: [`${at("alex.wilber")}: Reviewer`] },
  { address: at("hr.shared"), fullAccess: [at("diego.siciliani")], sendAs: [], sendOnBehalf: [], calendar: [] },
  { address: at("megan.bowen"), fullAccess: [], sendAs: [], sendOnBehalf: [at("miriam.graham")], calendar: [`${at("miriam.graham")}: Editor (Delegate)`] },
  { address: at("patti.fernandez"), fullAccess: [], sendAs: [], sendOnBehalf: [], calendar: [`${at("debra.berger")}: Editor (Delegate, CanViewPrivateItems)`] },
  { address: at("sales.shared"), fullAccess: [at("adele.vance"), at("alex.wilber")], sendAs: [at("adele.vance")], sendOnBehalf: [], calendar: [] },
];

export async function storedRows(reportId: string): Promise<(TComparable & { state: string })[]> {
  const rows = await getDb().mailboxReportRow.findMany({ where: { reportId }, orderBy: { address: "asc" } });
  return rows
    .map((r) => ({
      state: r.state,
      address: r.address,
      displayName: r.displayName,
      department: r.department,
      kind: r.kind,
      autoReplyState: r.autoReplyState,
      startTime: r.startTime?.toISOString() ?? null,
      endTime: r.endTime?.toISOString() ?? null,
      externalAudience: r.externalAudience,
      fullAccess: r.fullAccess,
      sendAs: r.sendAs,
      sendOnBehalf: r.sendOnBehalf,
      calendar: r.calendar,
    }))
    .sort(byAddress);
}

// The downloaded file read back as a spreadsheet would, apostrophes of neutralised formulas removed.
export function parseReportCsv(text: string): TComparable[] {
  const records = parse(text, { columns: true, bom: true }) as Record<string, string>[];
  const cell = (v: string | undefined) => (v ? v.replace(/^'(?=[=+\-@\t\r])/, "") : null);
  const list = (v: string | undefined) => (v ? v.split("; ").map((x) => cell(x)!) : []);
  return records.map((r) => ({
    address: cell(r.address)!,
    displayName: cell(r.display_name)!,
    department: cell(r.department),
    kind: cell(r.mailbox_type)!,
    autoReplyState: cell(r.auto_reply_state),
    startTime: cell(r.auto_reply_start_utc),
    endTime: cell(r.auto_reply_end_utc),
    externalAudience: cell(r.external_audience),
    fullAccess: list(r.full_access),
    sendAs: list(r.send_as),
    sendOnBehalf: list(r.send_on_behalf),
    calendar: list(r.calendar),
  }));
}
