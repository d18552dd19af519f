import { describe, expect, it } from "vitest";
import { readAutoReply } from "@/lib/cmdlets/set-auto-reply";
import { DEMO_USERS, SEED_MAILBOXES } from "../../emulator/index";
import { useHarness } from "../../emulator/test-support/harness";
import { exchangeAs } from "../support/emulator-exchange";

// Issue 14 point 11: whichever form Exchange writes the auto-reply schedule in (no offset, the
// default; +00:00; Z), ExoDesk reads the same instants, a missing offset as UTC.
const h = useHarness();

describe("the auto-reply schedule as read through the client", () => {
  it.each([null, "offset", "utc"] as const)("form %s: the same UTC instants", async (format) => {
    if (format) await h.control("POST", "quirks", { autoReplyTimeFormat: format });
    const state = await readAutoReply(await exchangeAs(h, DEMO_USERS.helpdesk), SEED_MAILBOXES.emilyBraun);
    expect(state).toMatchObject({ autoReplyState: "Scheduled", startTime: "2030-07-01T07:00:00.000Z", endTime: "2030-07-15T17:00:00.000Z" });
  });
});
