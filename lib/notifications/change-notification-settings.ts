import "server-only";
import { z } from "zod";
import type { TActorSnapshot } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write-audit";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { findAction } from "@/lib/cmdlets/catalogue";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { normaliseIdentity } from "@/lib/exchange/identity";
import { defaultPolicy } from "@/lib/policy/decide-approval";
import { NOTIFICATION_EVENT_IDS, NOTIFICATION_EVENTS, type TNotificationEvent } from "./events";

// The admin's notification settings on the Policies page: per-event switches for e-mail and
// webhook, and per action an address also told when a request waits. Audited like the policy.
function assertAdmin(admin: TSessionUser) {
  if (!hasPermission(admin.roles, "policy.edit")) throw new AppError("FORBIDDEN", "Only admins can change notification settings.");
}

type TNotificationSwitch = { event: TNotificationEvent; description: string; email: boolean; webhook: boolean };

// Every event with its switches; an event without a row has both on.
export async function listNotificationSwitches(): Promise<TNotificationSwitch[]> {
  const rows = new Map((await getDb().notificationSwitch.findMany()).map((r) => [r.event, r]));
  return NOTIFICATION_EVENT_IDS.map((event) => ({ event, description: NOTIFICATION_EVENTS[event], email: rows.get(event)?.email ?? true, webhook: rows.get(event)?.webhook ?? true }));
}

const ZNotificationSwitch = z.object({
  event: z.enum(NOTIFICATION_EVENT_IDS, "That is not an event ExoDesk notifies about."),
  email: z.boolean(),
  webhook: z.boolean(),
});

export async function setNotificationSwitch(admin: TSessionUser, actor: TActorSnapshot, input: unknown): Promise<void> {
  assertAdmin(admin);
  const parsed = ZNotificationSwitch.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message);
  const { event, email, webhook } = parsed.data;
  await getDb().$transaction(async (tx) => {
    const row = await tx.notificationSwitch.findUnique({ where: { event } });
    const before = { email: row?.email ?? true, webhook: row?.webhook ?? true };
    await tx.notificationSwitch.upsert({ where: { event }, create: { event, email, webhook, updatedByUpn: admin.upn }, update: { email, webhook, updatedByUpn: admin.upn } });
    await writeAudit(tx, { type: "notification.switch-changed", data: { event, before, after: { email, webhook } } }, actor);
  });
}

// Blank clears it; anything else must be one e-mail address (a team mailbox, say).
const ZNotifyAddress = z.object({
  actionId: z.string(),
  notifyAddress: z
    .string()
    .trim()
    .max(254, "At most 254 characters.")
    .transform((value) => value || null)
    .pipe(z.email("Enter one e-mail address, such as helpdesk-approvals@contoso.com, or leave it blank.").nullable()),
});

export async function setPolicyNotifyAddress(admin: TSessionUser, actor: TActorSnapshot, input: unknown): Promise<void> {
  assertAdmin(admin);
  const parsed = ZNotifyAddress.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", undefined, { notifyAddress: parsed.error.issues.map((i) => i.message) });
  const { actionId } = parsed.data;
  const after = parsed.data.notifyAddress && normaliseIdentity(parsed.data.notifyAddress);
  const action = findAction(actionId);
  if (!action) throw new AppError("NOT_FOUND", "That action is not in ExoDesk's catalogue.");
  await getDb().$transaction(async (tx) => {
    const row = await tx.approvalPolicy.findUnique({ where: { actionId }, select: { notifyAddress: true } });
    const before = row?.notifyAddress ?? null;
    if (before === after) return;
    // An action still on its default policy gets a row holding that default and the address.
    await tx.approvalPolicy.upsert({
      where: { actionId },
      create: { actionId, ...defaultPolicy(action.risk), notifyAddress: after, updatedByUpn: admin.upn },
      update: { notifyAddress: after, updatedByUpn: admin.upn },
    });
    await writeAudit(tx, { type: "notification.address-changed", data: { actionId, before, after } }, actor);
  });
}
