import { z } from "zod";
import { parseExchangeDate, toExchangeDateParam } from "@/lib/exchange/dates";
import { limitOf } from "@/lib/forms/limits";
import { findActiveContent, isBlankMessage, normaliseMessageHtml, sanitizeMessageHtml } from "@/lib/html/message-html";
import { SCHEDULE_YEARS_MESSAGE } from "@/lib/time/schedule-years";
import { isWithinExchangeYears } from "@/lib/time/zones";
import type { TCatalogueAction } from "./types";
import type { TExchange } from "@/lib/exchange/create-exchange";

export const AUTO_REPLY_STATES = ["Disabled", "Enabled", "Scheduled"] as const;
export const EXTERNAL_AUDIENCES = ["None", "Known", "All"] as const;

// A message as Exchange may be sent it: within the size limit, nothing that would run, sanitised.
export const ZMessageHtml = z
  .string()
  .max(limitOf("internalMessage").max, limitOf("internalMessage").message)
  .superRefine((html, ctx) => {
    const reason = findActiveContent(html);
    if (reason) ctx.addIssue({ code: "custom", message: `${reason} Remove it and try again.` });
  })
  .transform(sanitizeMessageHtml);

// Exchange's schedule takes ordinary dates; years outside the window are typing slips.
const ZScheduleTime = z.iso
  .datetime()
  .refine((iso) => isWithinExchangeYears(new Date(iso)), SCHEDULE_YEARS_MESSAGE)
  .nullable();

const isBlank = (html: string | null) => html === null || isBlankMessage(html);

// The cmdlet's own rules (Set-MailboxAutoReplyConfiguration), checked before Exchange sees them.
// A message or the audience left null is not sent: the mailbox keeps its own. Only turning
// replies off may leave them so (a bulk change turns many mailboxes' replies off and keeps each
// one's messages); replies that go out need both said.
export const ZAutoReplyParams = z
  .object({
    identity: z.string().trim().min(1, "Choose a mailbox.").max(limitOf("identity").max, limitOf("identity").message),
    autoReplyState: z.enum(AUTO_REPLY_STATES, "Choose Enabled, Disabled or Scheduled."),
    startTime: ZScheduleTime,
    endTime: ZScheduleTime,
    internalMessage: ZMessageHtml.nullable(),
    externalMessage: ZMessageHtml.nullable(),
    externalAudience: z.enum(EXTERNAL_AUDIENCES, "Choose who outside the organisation gets a reply.").nullable(),
  })
  .superRefine((p, ctx) => {
    // A window is sent whenever both ends are given, so it must make sense in every state.
    if (p.startTime && p.endTime && Date.parse(p.endTime) <= Date.parse(p.startTime)) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: "The end must be after the start." });
    }
    if (p.autoReplyState === "Disabled") return;
    if (isBlank(p.internalMessage)) {
      ctx.addIssue({ code: "custom", path: ["internalMessage"], message: "Write the reply people inside the organisation get." });
    }
    if (p.externalAudience === null) {
      ctx.addIssue({ code: "custom", path: ["externalAudience"], message: "Choose who outside the organisation gets a reply." });
    }
    if (p.externalAudience !== null && p.externalAudience !== "None" && isBlank(p.externalMessage)) {
      ctx.addIssue({ code: "custom", path: ["externalMessage"], message: "Write the reply external senders get, or set the external audience to None." });
    }
    if (p.autoReplyState !== "Scheduled") return;
    if (!p.startTime) ctx.addIssue({ code: "custom", path: ["startTime"], message: "Choose when the replies start." });
    if (!p.endTime) ctx.addIssue({ code: "custom", path: ["endTime"], message: "Choose when the replies end." });
    if (p.endTime && Date.parse(p.endTime) <= Date.now()) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: "The end is in the past. Choose a later end." });
    }
  });

export type TAutoReplyParams = z.infer<typeof ZAutoReplyParams>;

export type TAutoReplyState = {
  autoReplyState: (typeof AUTO_REPLY_STATES)[number] | string;
  startTime: string | null;
  endTime: string | null;
  internalMessage: string;
  externalMessage: string;
  externalAudience: string;
};

function toIso(value: unknown): string | null {
  return parseExchangeDate(value)?.toISOString() ?? null;
}

export async function readAutoReply(ex: TExchange, identity: string): Promise<TAutoReplyState> {
  const result = await ex.invoke("Get-MailboxAutoReplyConfiguration", { Identity: identity });
  const raw = result.value[0] ?? {};
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    autoReplyState: text(raw.AutoReplyState),
    startTime: toIso(raw.StartTime),
    endTime: toIso(raw.EndTime),
    internalMessage: text(raw.InternalMessage),
    externalMessage: text(raw.ExternalMessage),
    externalAudience: text(raw.ExternalAudience),
  };
}

const sameInstant = (a: string | null, b: string | null) =>
  a !== null && b !== null && Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000);

export const setAutoReply: TCatalogueAction<TAutoReplyParams, TAutoReplyState> = {
  id: "auto-reply.set",
  label: "Set automatic replies",
  risk: "low",
  schema: ZAutoReplyParams,

  readState: (ex, p) => readAutoReply(ex, p.identity),

  async apply(ex, p, clientRequestId) {
    // Messages and audience are sent whenever given, in every state: turning replies off keeps
    // the messages given (one mailbox's form sends its current ones; a bulk change gives none,
    // so each mailbox keeps its own), and a revert restores the earlier ones.
    const parameters: Record<string, unknown> = { Identity: p.identity, AutoReplyState: p.autoReplyState };
    if (p.internalMessage !== null) parameters.InternalMessage = p.internalMessage;
    if (p.externalMessage !== null) parameters.ExternalMessage = p.externalMessage;
    if (p.externalAudience !== null) parameters.ExternalAudience = p.externalAudience;
    // A window is sent whenever one is given: the form gives one only for Scheduled, and a
    // revert gives back the earlier window whatever the state was.
    if (p.startTime && p.endTime) {
      parameters.StartTime = toExchangeDateParam(new Date(p.startTime));
      parameters.EndTime = toExchangeDateParam(new Date(p.endTime));
    }
    return await ex.invoke("Set-MailboxAutoReplyConfiguration", parameters, { clientRequestId });
  },

  isApplied(p, s) {
    if (s.autoReplyState !== p.autoReplyState) return false;
    // What was not given is whatever the mailbox had.
    const sameMessage = (stored: string, asked: string | null) => asked === null || normaliseMessageHtml(stored) === normaliseMessageHtml(asked);
    const messagesMatch =
      sameMessage(s.internalMessage, p.internalMessage) &&
      sameMessage(s.externalMessage, p.externalMessage) &&
      (p.externalAudience === null || s.externalAudience === p.externalAudience);
    if (p.autoReplyState !== "Scheduled") return messagesMatch;
    return messagesMatch && sameInstant(s.startTime, p.startTime) && sameInstant(s.endTime, p.endTime);
  },

  inverse(p, before) {
    const state = (AUTO_REPLY_STATES as readonly string[]).includes(before.autoReplyState) ? before.autoReplyState : "Disabled";
    const audience = (EXTERNAL_AUDIENCES as readonly string[]).includes(before.externalAudience) ? before.externalAudience : "None";
    // A window outside the years ExoDesk accepts (an unset default) means nothing unless the
    // replies were scheduled; leaving it out keeps such a change revertible.
    const inYears = (iso: string | null) => iso !== null && isWithinExchangeYears(new Date(iso));
    const keepWindow = state === "Scheduled" || (inYears(before.startTime) && inYears(before.endTime));
    const params: TAutoReplyParams = {
      identity: p.identity,
      autoReplyState: state as TAutoReplyParams["autoReplyState"],
      startTime: keepWindow ? before.startTime : null,
      endTime: keepWindow ? before.endTime : null,
      internalMessage: sanitizeMessageHtml(before.internalMessage),
      externalMessage: sanitizeMessageHtml(before.externalMessage),
      externalAudience: audience as TAutoReplyParams["externalAudience"],
    };
    return { actionId: "auto-reply.set", params };
  },
};
