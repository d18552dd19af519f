import type { TDeliveryPayload } from "./queue-notification";

// What one attempt to deliver a notification came to: sent; refused for good (the recipient does
// not exist, the webhook refuses what it was sent), so trying again cannot help; or a passing
// failure (the server is down, busy or slow) that a later attempt may overcome.
export type TAttemptOutcome = { kind: "sent" } | { kind: "permanent" | "transient"; error: string };

export type TDeliveryChannel = "EMAIL" | "WEBHOOK";

// One delivery as the channel sends it: its id is the idempotency key (Message-ID, Idempotency-Key).
export type TOutgoing = { id: string; recipient: string; payload: TDeliveryPayload };

export type TChannelSender = (delivery: TOutgoing) => Promise<TAttemptOutcome>;

// Error texts are kept on the delivery for the admin and logged: short, one line.
export function describeError(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
