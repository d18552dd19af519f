import { beforeAll, describe, expect, it, vi } from "vitest";
import { approveRequest } from "@/lib/requests/approve-request";
import { getVisibleRequest } from "@/lib/requests/list-requests";
import { submitRequest } from "@/lib/requests/submit-request";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { actorOf, person, setApprovalRequired } from "../support/people";
import { ADELE, scriptedExchange } from "../support/scripted-exchange";

// The approval e-mail links to the request's page: an approver must be able to open it while the
// request waits for them, as the approvals page shows it, and nobody else gains anything.
// A refused look is recorded with the page's request headers.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "approval-link-test" }) }));
useMigratedEmbeddedDb();
beforeAll(() => setApprovalRequired(true, ["auto-reply.set"]));

const helpdesk = person("helpdesk@contoso.onmicrosoft.com", ["ExoDesk.Helpdesk"]);
const otherHelpdesk = person("helpdesk2@contoso.onmicrosoft.com", ["ExoDesk.Helpdesk"]);
const approver = person("approver@contoso.onmicrosoft.com", ["ExoDesk.Approver"]);
const otherApprover = person("approver2@contoso.onmicrosoft.com", ["ExoDesk.Approver"]);
const enable = { identity: ADELE, autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Away</p>", externalMessage: "", externalAudience: "None" };

describe("the page an approval e-mail links to", () => {
  it("opens for every approver while the request waits, and afterwards only for those involved", async () => {
    const { requestId } = await submitRequest({ user: helpdesk, actor: actorOf(helpdesk), ex: scriptedExchange({ set: "ok" }).ex, actionId: "auto-reply.set", rawParams: enable, reason: "Leave" });
    expect(await getVisibleRequest(approver, requestId)).toMatchObject({ id: requestId, status: "PENDING_APPROVAL" });
    expect(await getVisibleRequest(otherApprover, requestId)).toMatchObject({ id: requestId });
    expect(await getVisibleRequest(otherHelpdesk, requestId)).toBeNull();

    await approveRequest({ approver, actor: actorOf(approver), ex: scriptedExchange({ set: "ok" }).ex, requestId });
    expect(await getVisibleRequest(approver, requestId)).toMatchObject({ status: "SUCCEEDED" }); // decided it
    expect(await getVisibleRequest(otherApprover, requestId)).toBeNull(); // no longer waiting for anyone
  });
});
