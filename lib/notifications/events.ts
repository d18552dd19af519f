// What ExoDesk notifies about, and who hears of each (README, "Notifications"). The in-app list
// always gets every event; e-mail and webhook follow the admin's per-event switches.
export const NOTIFICATION_EVENTS = {
  "approval.waiting": "A request waits for approval (to the approvers)",
  "request.decided": "A request was approved and applied, rejected or expired (to the requester)",
  "request.needs-attention": "A change failed, drifted or has an unknown outcome (to the requester)",
  "bulk.finished": "A bulk change finished (to its owner)",
  "report.finished": "A mailbox report finished (to its owner)",
  "removal.needs-someone": "A scheduled change (a time-bound right's removal, a grant at its start) is due and the person planned could not run it (to the helpdesk)",
} as const;

export type TNotificationEvent = keyof typeof NOTIFICATION_EVENTS;

export const NOTIFICATION_EVENT_IDS = Object.keys(NOTIFICATION_EVENTS) as TNotificationEvent[];
