// The 2,000 operations of the chaos run, each with its own target, so that the emulator's
// final state says for every one of them, on its own, whether it was applied: a distinct
// (mailbox, trustee, kind) for each grant, a distinct mailbox and a unique message for each
// auto-reply. `entriesIn` counts how many entries the operation's change left in the mailbox
// (0 absent, 1 present, more = applied twice).
import { mulberry32 } from "../../support/seeded-random";

export type TStoredMailbox = {
  userPrincipalName: string;
  recipientTypeDetails: string;
  autoReply: { autoReplyState: string; internalMessage: string | null; startTime: string; endTime: string };
  mailboxPermissions: { user: string; accessRights: string[]; deny: boolean; autoMapping: boolean }[];
  recipientPermissions: { trustee: string; accessRights: string[]; accessControlType: string }[];
  grantSendOnBehalfTo: string[];
  calendar: { name: string; permissions: { user: string; accessRights: string[]; sharingPermissionFlags: string | null }[] };
};

export type TKind = "auto-reply.set" | "full-access.grant" | "send-as.grant" | "send-on-behalf.grant" | "calendar.set";
export const KINDS: TKind[] = ["auto-reply.set", "full-access.grant", "send-as.grant", "send-on-behalf.grant", "calendar.set"];

export type TOperation = {
  index: number;
  actionId: TKind;
  identity: string; // lower-case UPN
  trustee: string | null;
  marker: string | null; // auto-reply: text only this operation's message contains
  rawParams: Record<string, unknown>;
};

const lower = (s: string) => s.toLowerCase();

// How many entries of this operation's change the mailbox holds.
export function entriesIn(op: TOperation, m: TStoredMailbox): number {
  const t = op.trustee;
  switch (op.actionId) {
    case "auto-reply.set":
      return m.autoReply.autoReplyState === op.rawParams.autoReplyState && (m.autoReply.internalMessage ?? "").includes(op.marker!) ? 1 : 0;
    case "full-access.grant":
      return m.mailboxPermissions.filter((e) => lower(e.user) === t && e.accessRights.includes("FullAccess") && !e.deny).length;
    case "send-as.grant":
      return m.recipientPermissions.filter((e) => lower(e.trustee) === t && e.accessRights.includes("SendAs") && e.accessControlType === "Allow").length;
    case "send-on-behalf.grant":
      return m.grantSendOnBehalfTo.filter((d) => lower(d) === t).length;
    case "calendar.set": {
      const flags = op.rawParams.delegate ? (op.rawParams.canViewPrivateItems ? "Delegate, CanViewPrivateItems" : "Delegate") : null;
      return m.calendar.permissions.filter((e) => lower(e.user) === t && e.accessRights.includes(op.rawParams.accessRights as string) && e.sharingPermissionFlags === flags).length;
    }
  }
}

// Any entry at all for this operation's trustee (whatever its rights): must be none before the run.
function trusteeHasEntry(kind: TKind, m: TStoredMailbox, t: string): boolean {
  switch (kind) {
    case "full-access.grant":
      return m.mailboxPermissions.some((e) => lower(e.user) === t);
    case "send-as.grant":
      return m.recipientPermissions.some((e) => lower(e.trustee) === t);
    case "send-on-behalf.grant":
      return m.grantSendOnBehalfTo.some((d) => lower(d) === t);
    default:
      return m.calendar.permissions.some((e) => lower(e.user) === t);
  }
}

// `perKind` operations of each kind; mailboxes must number at least perKind.
export function planOperations(mailboxes: TStoredMailbox[], perKind: number, seed: number, tag: string): TOperation[] {
  const targets = [...mailboxes].sort((a, b) => a.userPrincipalName.localeCompare(b.userPrincipalName));
  const trustees = targets.filter((m) => m.recipientTypeDetails === "UserMailbox").map((m) => lower(m.userPrincipalName));
  if (targets.length < perKind) throw new Error(`${perKind} operations per kind need ${perKind} mailboxes; the tenant has ${targets.length}`);
  const ops: Omit<TOperation, "index">[] = [];
  KINDS.forEach((actionId, k) => {
    for (let j = 0; j < perKind; j++) {
      const target = targets[j]!;
      const identity = lower(target.userPrincipalName);
      if (actionId === "auto-reply.set") {
        const marker = `chaos-${tag}-${j}`;
        const scheduled = j % 2 === 1;
        const rawParams = {
          identity,
          autoReplyState: scheduled ? "Scheduled" : "Enabled",
          startTime: scheduled ? `2031-0${1 + (j % 9)}-01T08:00:00.000Z` : null,
          endTime: scheduled ? `2031-0${1 + (j % 9)}-15T17:30:00.000Z` : null,
          internalMessage: `<p>Out of office (${marker}).</p>`,
          externalMessage: j % 3 === 0 ? `<p>Away, back soon (${marker}).</p>` : "",
          externalAudience: j % 3 === 0 ? "All" : "None",
        };
        ops.push({ actionId, identity, trustee: null, marker, rawParams });
        continue;
      }
      // The first user mailbox from a per-kind offset that is not the target and has no entry yet.
      let n = (j * 7 + k * 101 + 1) % trustees.length;
      while (trustees[n] === identity || trusteeHasEntry(actionId, target, trustees[n]!)) n = (n + 1) % trustees.length;
      const trustee = trustees[n]!;
      const extra: Record<string, unknown> =
        actionId === "full-access.grant"
          ? { autoMapping: j % 2 === 0 }
          : actionId === "calendar.set"
            ? j % 4 === 3
              ? { accessRights: "Editor", delegate: true, canViewPrivateItems: j % 8 === 7, sendNotificationToUser: false }
              : // SendNotificationToUser makes the write unsafe to repeat: the client must not re-send it.
                { accessRights: "Reviewer", delegate: false, canViewPrivateItems: false, sendNotificationToUser: j % 4 === 1 }
            : {};
      ops.push({ actionId, identity, trustee, marker: null, rawParams: { identity, trustee, ...extra } });
    }
  });
  // Interleave the kinds (and so the mailboxes) in a seeded order.
  const random = mulberry32(seed);
  for (let i = ops.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ops[i], ops[j]] = [ops[j]!, ops[i]!];
  }
  return ops.map((op, index) => ({ ...op, index }));
}

// The key a stored request is matched to its operation by.
export function operationKey(actionId: string, parameters: { identity: string; trustee?: unknown; internalMessage?: unknown }): string {
  const marker = typeof parameters.internalMessage === "string" ? /chaos-[\w-]+?-\d+/.exec(parameters.internalMessage)?.[0] : undefined;
  return [actionId, lower(parameters.identity), typeof parameters.trustee === "string" ? lower(parameters.trustee) : marker].join("|");
}

export const keyOf = (op: TOperation) => [op.actionId, op.identity, op.trustee ?? op.marker].join("|");
