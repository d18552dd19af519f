import { z } from "zod";
import { diffStates } from "@/lib/audit/diff-state";
import { messageToText } from "@/lib/html/message-text";
import { formatInZone } from "@/lib/time/format";
import type { TRequestStatus } from "@/lib/workflow/request-status";

// A change in the words of the people who decide and audit it: one sentence ("Alex Wilber will
// get full access to Megan Bowen's mailbox, …") and a before/after of what it adds, removes and
// changes. Pure: it words what the request and the states read for it hold, nothing more.
// States are checked here, not trusted: a state that was not read, or that no longer has the
// shape it is read as, counts as unknown.

export type TChangeLine =
  | { kind: "added" | "removed"; field: string; value: string }
  // before null: not known (not read yet, or not readable).
  | { kind: "changed"; field: string; before: string | null; after: string }
  // A message, as plain text; before null: not known.
  | { kind: "message"; field: string; before: string | null; after: string };

// worded: false for a change ExoDesk cannot put in words (an action no longer in the catalogue).
export type TChangeWords = { sentence: string; lines: TChangeLine[]; tense: TTense; worded: boolean };

// will: not run yet; did: made; would: not made (failed, rejected, cancelled, expired);
// may: not known whether it was made.
export type TTense = "will" | "did" | "would" | "may";

export type TChangeInput = {
  action: string;
  parameters: unknown;
  // The mailbox as people know it: its display name where ExoDesk has it, else its address.
  mailbox: string;
  // A delegate change's person by name, where ExoDesk has it (the parameters hold the address).
  trustee?: string | null;
  // The zone an automatic-reply schedule was written in; its times are shown in it (else UTC).
  zone?: string | null;
  before: unknown;
  // Null or undefined: not read, so the change as asked for stands for it.
  after?: unknown;
  tense: TTense;
  revert?: boolean;
  // A time-bound grant's end, the start a grant waits for, and when the removal that ends a
  // grant runs (shown in `zone`, the mailbox's).
  until?: Date | null;
  from?: Date | null;
  endOfGrant?: Date | null;
};

type TField =
  | { kind: "member"; field: string; who: string; has: boolean }
  | { kind: "value"; field: string; value: string }
  | { kind: "message"; field: string; text: string };

type TWording<P, S> = {
  params: z.ZodType<P>;
  state: z.ZodType<S>;
  sentence(p: P, mailbox: string, verb: (v: TVerb) => string, before: S | null, zone: string): string;
  // The state in fields a person reads; asked() is the state the change asks for. Times in `zone`.
  fields(p: P, s: S, zone: string): TField[];
  asked(p: P, zone: string): TField[];
};

type TVerb = { plain: string; past: string; participle: string };
const GET: TVerb = { plain: "get", past: "got", participle: "got" };
const LOSE: TVerb = { plain: "lose", past: "lost", participle: "lost" };
const CHANGE: TVerb = { plain: "change", past: "changed", participle: "changed" };
const passive = (what: string): TVerb => ({ plain: `be ${what}`, past: `were ${what}`, participle: `been ${what}` });

function conjugate(tense: TTense, v: TVerb): string {
  if (tense === "will") return `will ${v.plain}`;
  if (tense === "did") return v.past;
  return `${tense} have ${v.participle}`;
}

const possessive = (name: string) => (name.endsWith("s") ? `${name}'` : `${name}'s`);

const ZTarget = z.object({ identity: z.string(), trustee: z.string() });
type TTarget = z.infer<typeof ZTarget>;

// A right one person has on a mailbox or not (FullAccess, SendAs, SendOnBehalf).
function rightWording<P extends TTarget, S>(o: {
  field: string;
  params: z.ZodType<P>;
  state: z.ZodType<S>;
  grant: boolean;
  has: (s: S) => boolean;
  words: (mailbox: string) => string;
  detail?: (p: P) => string;
}): TWording<P, S> {
  return {
    params: o.params,
    state: o.state,
    sentence: (p, mailbox, verb) => `${p.trustee} ${verb(o.grant ? GET : LOSE)} ${o.words(mailbox)}${o.detail?.(p) ?? ""}`,
    fields: (p, s) => [{ kind: "member", field: o.field, who: p.trustee, has: o.has(s) }],
    asked: (p) => [{ kind: "member", field: o.field, who: p.trustee, has: o.grant }],
  };
}

const ZFullAccessState = z.object({ fullAccess: z.boolean() });
const ZSendAsState = z.object({ sendAs: z.boolean() });
const ZSendOnBehalfState = z.object({ trusteeListed: z.boolean() });

const fullAccessRight = { field: "Full access", state: ZFullAccessState, has: (s: z.infer<typeof ZFullAccessState>) => s.fullAccess, words: (m: string) => `full access to ${possessive(m)} mailbox` };
const grantFullAccess = rightWording({
  ...fullAccessRight,
  params: ZTarget.extend({ autoMapping: z.boolean() }),
  grant: true,
  detail: (p) => (p.autoMapping ? ", added to their Outlook automatically" : ", not added to their Outlook (they open it themselves)"),
});
const removeFullAccess = rightWording({ ...fullAccessRight, params: ZTarget, grant: false });

const sendAs = (grant: boolean) =>
  rightWording({ field: "Send as", params: ZTarget, state: ZSendAsState, grant, has: (s) => s.sendAs, words: (m) => `the right to send email as ${m}` });

const sendOnBehalf = (grant: boolean) =>
  rightWording({ field: "Send on behalf", params: ZTarget, state: ZSendOnBehalfState, grant, has: (s) => s.trusteeListed, words: (m) => `the right to send email on behalf of ${m}` });

// Calendar roles: the role with its delegate flags, "no access" without an entry.
const ZCalendarSet = ZTarget.extend({ accessRights: z.string(), delegate: z.boolean(), canViewPrivateItems: z.boolean(), sendNotificationToUser: z.boolean() });
const ZCalendarState = z.object({ accessRights: z.array(z.string()), sharingPermissionFlags: z.string() });
type TCalendarState = z.infer<typeof ZCalendarState>;

function roleWords(role: string | undefined, delegate: boolean, privateItems: boolean): string {
  if (!role || role === "None") return "no access";
  return `${role}${delegate ? ", calendar delegate" : ""}${privateItems ? ", sees private items" : ""}`;
}

function calendarRole(s: TCalendarState): string {
  return roleWords(s.accessRights[0], /Delegate/.test(s.sharingPermissionFlags), /CanViewPrivateItems/.test(s.sharingPermissionFlags));
}

const calendarField = (p: TTarget) => `Calendar (${p.trustee})`;
const askedRole = (p: z.infer<typeof ZCalendarSet>) => roleWords(p.accessRights, p.delegate, p.canViewPrivateItems);

const setCalendar: TWording<z.infer<typeof ZCalendarSet>, TCalendarState> = {
  params: ZCalendarSet,
  state: ZCalendarState,
  sentence(p, mailbox, verb, before) {
    const role = `the ${p.accessRights} role`;
    const more = `${p.delegate ? `, as calendar delegate${p.canViewPrivateItems ? " seeing private items" : ""}` : ""}${p.sendNotificationToUser ? ", with a sharing invitation sent to them" : ""}`;
    if (before && before.accessRights.length > 0 && calendarRole(before) !== askedRole(p)) {
      return `${possessive(p.trustee)} access to ${possessive(mailbox)} calendar ${verb(CHANGE)} from ${calendarRole(before)} to ${role}${more}`;
    }
    return `${p.trustee} ${verb(GET)} ${role} on ${possessive(mailbox)} calendar${more}`;
  },
  fields: (p, s) => [{ kind: "value", field: calendarField(p), value: calendarRole(s) }],
  asked: (p) => [{ kind: "value", field: calendarField(p), value: askedRole(p) }],
};

const removeCalendar: TWording<TTarget, TCalendarState> = {
  params: ZTarget,
  state: ZCalendarState,
  sentence: (p, mailbox, verb) => `${p.trustee} ${verb(LOSE)} access to ${possessive(mailbox)} calendar`,
  fields: (p, s) => [{ kind: "value", field: calendarField(p), value: calendarRole(s) }],
  asked: (p) => [{ kind: "value", field: calendarField(p), value: "no access" }],
};

// Automatic replies: the state with its window, who outside gets a reply, and the two messages.
const ZAutoReply = z.object({
  autoReplyState: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  internalMessage: z.string(),
  externalMessage: z.string(),
  externalAudience: z.string(),
});
type TAutoReply = z.infer<typeof ZAutoReply>;
// As asked for: a message or the audience left null stays as the mailbox has it (set-auto-reply.ts).
const ZAutoReplyAsked = ZAutoReply.extend({ internalMessage: z.string().nullable(), externalMessage: z.string().nullable(), externalAudience: z.string().nullable() });
type TAutoReplyAsked = z.infer<typeof ZAutoReplyAsked>;

const STATE_WORDS: Record<string, string> = { Disabled: "Off", Enabled: "On", Scheduled: "Scheduled" };
const TURNED: Record<string, string> = { Disabled: "turned off", Enabled: "turned on", Scheduled: "scheduled" };
const AUDIENCE_WORDS: Record<string, string> = { None: "No one", Known: "Only senders in the mailbox's contacts", All: "Everyone" };
const AUDIENCE_SENTENCE: Record<string, string> = {
  None: "people inside the organisation only",
  Known: "people inside the organisation and senders in the mailbox's contacts",
  All: "people inside the organisation and all external senders",
};

const when = (iso: string | null, zone: string) => (iso && !Number.isNaN(Date.parse(iso)) ? formatInZone(new Date(iso), zone) : "an unset time");
const span = (s: TAutoReplyAsked, zone: string) => `${when(s.startTime, zone)} – ${when(s.endTime, zone)}`;

function replyState(s: TAutoReplyAsked, zone: string): string {
  const words = STATE_WORDS[s.autoReplyState] ?? s.autoReplyState;
  return s.autoReplyState === "Scheduled" ? `${words}, ${span(s, zone)}` : words;
}

function replyFields(s: TAutoReplyAsked, zone: string): TField[] {
  const fields: TField[] = [{ kind: "value", field: "Automatic replies", value: replyState(s, zone) }];
  if (s.externalAudience !== null) fields.push({ kind: "value", field: "Replies outside the organisation go to", value: AUDIENCE_WORDS[s.externalAudience] ?? s.externalAudience });
  if (s.internalMessage !== null) fields.push({ kind: "message", field: "Message inside the organisation", text: messageToText(s.internalMessage) });
  if (s.externalMessage !== null) fields.push({ kind: "message", field: "Message outside the organisation", text: messageToText(s.externalMessage) });
  return fields;
}

const setAutoReply: TWording<TAutoReplyAsked, TAutoReply> = {
  params: ZAutoReplyAsked,
  state: ZAutoReply,
  sentence(p, mailbox, verb, before, zone) {
    // Replies that stay in their state (a new message, window or audience) are "changed".
    const same = before?.autoReplyState === p.autoReplyState;
    const subject = `Automatic replies for ${mailbox} ${verb(passive(same ? "changed" : (TURNED[p.autoReplyState] ?? "changed")))}`;
    if (p.autoReplyState === "Disabled") return same ? `${subject}, still off` : subject;
    const audience = `for ${AUDIENCE_SENTENCE[p.externalAudience ?? ""] ?? p.externalAudience}`;
    if (p.autoReplyState === "Scheduled") return `${subject}${same ? ", scheduled" : ""} from ${when(p.startTime, zone)} to ${when(p.endTime, zone)}, ${audience}`;
    return `${subject}${same ? ", still on" : ""}, ${audience}`;
  },
  fields: (_p, s, zone) => replyFields(s, zone),
  asked: (p, zone) => replyFields(p, zone),
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const WORDINGS: Record<string, TWording<any, any>> = {
  "auto-reply.set": setAutoReply,
  "full-access.grant": grantFullAccess,
  "full-access.remove": removeFullAccess,
  "send-as.grant": sendAs(true),
  "send-as.remove": sendAs(false),
  "send-on-behalf.grant": sendOnBehalf(true),
  "send-on-behalf.remove": sendOnBehalf(false),
  "calendar.set": setCalendar,
  "calendar.remove": removeCalendar,
};

// What differs between two readings; a field not known before is shown with what it becomes.
function diffFields(before: TField[] | null, after: TField[]): TChangeLine[] {
  return after.flatMap((a): TChangeLine[] => {
    const b = before?.find((f) => f.field === a.field && f.kind === a.kind);
    if (a.kind === "member") {
      if (b?.kind === "member" && b.has === a.has) return [];
      // Not known before: a grant shows the person added, a removal the person removed.
      return [{ kind: a.has ? "added" : "removed", field: a.field, value: a.who }];
    }
    if (a.kind === "value") {
      if (b?.kind === "value" && b.value === a.value) return [];
      return [{ kind: "changed", field: a.field, before: b?.kind === "value" ? b.value : null, after: a.value }];
    }
    if (b?.kind === "message" && b.text === a.text) return [];
    return [{ kind: "message", field: a.field, before: b?.kind === "message" ? b.text : null, after: a.text }];
  });
}

function parsed<T>(schema: z.ZodType<T>, value: unknown): T | null {
  const result = schema.safeParse(value);
  return result.success ? result.data : null;
}

export function describeChange(input: TChangeInput): TChangeWords {
  const wording = WORDINGS[input.action];
  const params = wording ? parsed(wording.params, input.parameters) : null;
  const verb = (v: TVerb) => conjugate(input.tense, v);
  if (!wording || !params) {
    // An action ExoDesk no longer words: its name and a field-by-field comparison.
    const known = input.after !== null && input.after !== undefined && input.before !== null && input.before !== undefined;
    const lines = known
      ? diffStates(input.before, input.after).map((c): TChangeLine => ({ kind: "changed", field: c.path, before: c.before, after: c.after ?? "(none)" }))
      : [];
    return { sentence: `${input.action} on ${input.mailbox} (a change ExoDesk cannot put in words)`, lines, tense: input.tense, worded: false };
  }
  const before = parsed(wording.state, input.before);
  const after = parsed(wording.state, input.after);
  // The person by name in the sentence, by name and address in the lines.
  const naming = (who: (address: string, name: string) => string) =>
    input.trustee && typeof params.trustee === "string" ? { ...params, trustee: who(params.trustee, input.trustee) } : params;
  const zone = input.zone || "UTC";
  const said = wording.sentence(naming((_, name) => name), input.mailbox, verb, before, zone);
  const window = [
    input.from && `from ${formatInZone(input.from, zone)}`,
    input.until && `until ${formatInZone(input.until, zone)}`,
    input.endOfGrant && `at the end of the grant, ${formatInZone(input.endOfGrant, zone)}`,
  ].filter(Boolean).join(" ");
  const sentence = window ? `${said}, ${window}` : said;
  const listed = naming((address, name) => `${name} (${address})`);
  const lines = diffFields(before && wording.fields(listed, before, zone), after ? wording.fields(listed, after, zone) : wording.asked(listed, zone));
  return { sentence: input.revert ? `Undoing an earlier change: ${sentence}` : sentence, lines, tense: input.tense, worded: true };
}

// The tense a request's change is told in, from its status.
export function tenseOf(status: TRequestStatus): TTense {
  switch (status) {
    case "SUCCEEDED":
      return "did";
    case "OUTCOME_UNKNOWN":
      return "may";
    case "FAILED":
    case "REJECTED":
    case "CANCELLED":
    case "EXPIRED":
      return "would";
    case "QUEUED":
    case "PENDING_APPROVAL":
    case "APPROVED":
    case "EXECUTING":
    case "SCHEDULED":
    case "NEEDS_SOMEONE":
      return "will";
  }
}

type TStoredRequest = {
  action: string;
  parameters: unknown;
  targetMailbox: string;
  targetDisplayName: string | null;
  trusteeDisplayName: string | null;
  scheduleZone: string | null;
  status: TRequestStatus;
  before: unknown;
  after: unknown;
  revertOfId: string | null;
  until?: Date | null;
  // A grant's start it waits for; or, for a removal (removalOfId set), its grant's end.
  dueAt?: Date | null;
  removalOfId?: string | null;
};

// A stored request's change. Only a change that was made is shown as it read back; any other
// shows what it asks for (a failed one's "after" is the mailbox unchanged).
export function describeRequestChange(r: TStoredRequest): TChangeWords {
  const tense = tenseOf(r.status);
  // When it was planned to run, while that is still the plan: one that ran (Remove now, Grant
  // now, a sweep that came late) did so when its timeline says, not at its planned time.
  const planned = tense === "will" || tense === "would" ? r.dueAt : null;
  return describeChange({
    action: r.action,
    parameters: r.parameters,
    mailbox: r.targetDisplayName ?? r.targetMailbox,
    trustee: r.trusteeDisplayName,
    zone: r.scheduleZone,
    before: r.before,
    after: tense === "did" ? r.after : null,
    tense,
    revert: r.revertOfId !== null,
    until: r.until,
    from: r.removalOfId ? null : planned,
    endOfGrant: r.removalOfId ? planned : null,
  });
}
