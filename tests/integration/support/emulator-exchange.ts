import type { TExchange } from "@/lib/cmdlets/types";
import { invokeCommand } from "@/lib/exchange/client";
import type { TClock } from "@/lib/time/clock";
import type { Harness } from "../../emulator/test-support/harness";
import { httpsRequest } from "../../emulator/test-support/https-client";

// The real Exchange client against the emulator, as one demo user with a real token, over
// HTTPS that trusts only the emulator's certificate.
function fetchVia(h: Harness): typeof fetch {
  return async (input, init) => {
    const res = await httpsRequest(h.em.caCertPath, String(input), {
      method: init?.method,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === "string" ? init.body : undefined,
    });
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
    return new Response(res.status === 204 ? null : new Uint8Array(res.body), { status: res.status, headers });
  };
}

// `calls` lists every cmdlet this Exchange was asked to run, in order. Its retries wait on
// `clock` (default the real one; tests about logic pass tests/support/virtual-clock.ts).
export async function exchangeAs(h: Harness, upn: string, clock?: TClock): Promise<TExchange & { calls: string[] }> {
  const accessToken = await h.accessToken(upn);
  const fetchImpl = fetchVia(h);
  const calls: string[] = [];
  return {
    calls,
    invoke: (cmdlet, parameters, options) => {
      calls.push(cmdlet);
      return invokeCommand({ baseUrl: h.em.url, tenantId: h.em.tenantId, accessToken, anchorUpn: upn, cmdlet, parameters, fetchImpl, clock, ...options });
    },
  };
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
