import { createExchange, type TExchange, type TExchangeOptions } from "@/lib/exchange/create-exchange";
import { realClock, type TClock } from "@/lib/time/clock";
import type { Harness } from "../../emulator/test-support/harness";
import { emulatorFetch } from "../../support/emulator-fetch";

// `calls` lists every cmdlet this Exchange was asked to run, in order. Its retries wait on
// `clock` (default the real one; tests about logic pass tests/support/virtual-clock.ts).
export async function exchangeAs(h: Harness, upn: string, clock?: TClock): Promise<TExchange & { calls: string[] }> {
  const ex = await emulatorExchange(h, upn, { clock });
  const calls: string[] = [];
  return {
    calls,
    invoke: (cmdlet, parameters, options) => {
      calls.push(cmdlet);
      return ex.invoke(cmdlet, parameters, options);
    },
  };
}

// The production client (lib/exchange/create-exchange.ts) against the emulator as one demo
// user with a real token. By default: HTTPS that trusts only the emulator's certificate, the real clock, and a token from a
// fresh sign-in, also when Exchange refused the last one (expired, or issued before a critical
// event such as a revoked session), as MSAL's renewal would give.
export function emulatorExchange(h: Harness, upn: string, options: Partial<Pick<TExchangeOptions, "getToken" | "fetchImpl" | "clock" | "retry">> = {}): Promise<TExchange> {
  return createExchange({
    baseUrl: h.em.url,
    tenantId: h.em.tenantId,
    anchorUpn: upn,
    getToken: options.getToken ?? (() => h.accessToken(upn)),
    fetchImpl: options.fetchImpl ?? emulatorFetch(h.em.caCertPath),
    clock: options.clock ?? realClock,
    retry: options.retry,
  });
}

// The emulator's stored mailbox, read around Exchange (control API), as JSON.
export type TEmulatorMailbox = {
  autoReply: { autoReplyState: string; startTime: string; endTime: string; internalMessage: string | null; externalMessage: string | null; externalAudience: string };
  mailboxPermissions: { user: string; accessRights: string[]; isInherited: boolean; deny: boolean; inheritanceType: string; autoMapping: boolean }[];
  recipientPermissions: { trustee: string; accessControlType: string; accessRights: string[]; isInherited: boolean; inheritanceType: string }[];
  grantSendOnBehalfTo: string[];
  calendar: { name: string; permissions: { user: string; accessRights: string[]; sharingPermissionFlags: string | null }[] };
};

export function readMailbox(h: Harness, identity: string): Promise<TEmulatorMailbox> {
  return h.control<TEmulatorMailbox>("GET", `state/mailboxes/${encodeURIComponent(identity)}`);
}
