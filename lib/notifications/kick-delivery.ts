// The running delivery loop of this process (deliver-notifications.ts), if any, kept on
// globalThis: Next.js evaluates a module once per bundle, and the bundle that queues a
// notification must reach the loop instrumentation.ts started. Light on purpose: every change
// imports it through queue-notification.ts.
const store = globalThis as typeof globalThis & { __exodeskDeliveryKick?: () => void };

// Asks the loop for a pass soon (debounced there), so a notice goes out within moments of the
// change that caused it instead of at the next poll. Nothing here waits or throws.
export function kickNotificationDelivery(): void {
  store.__exodeskDeliveryKick?.();
}

export function setNotificationDeliveryKick(kick: (() => void) | undefined): void {
  store.__exodeskDeliveryKick = kick;
}
