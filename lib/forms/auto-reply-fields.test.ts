import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZAutoReplyForm } from "./auto-reply-fields";

function parse(startTime: string, endTime = "2026-12-31T17:00", zone = "Europe/Berlin") {
  return ZAutoReplyForm.safeParse({ autoReplyState: "Scheduled", scheduleZone: zone, startTime, endTime, internalMessage: "<p>Away</p>", externalMessage: "", externalAudience: "None" });
}
const fieldErrors = (result: ReturnType<typeof parse>) => (result.success ? {} : z.flattenError(result.error).fieldErrors);

describe("a schedule's years", () => {
  it.each(["0099-06-01T09:00", "0001-01-01T00:00", "1999-12-31T23:59", "2100-01-01T00:00"])("refuses %s as a field error", (start) => {
    expect(fieldErrors(parse(start))).toEqual({ startTime: ["Choose a date between the years 2000 and 2099."] });
  });

  it("checks both ends", () => {
    expect(fieldErrors(parse("0099-06-01T09:00", "0099-06-02T09:00"))).toEqual({
      startTime: ["Choose a date between the years 2000 and 2099."],
      endTime: ["Choose a date between the years 2000 and 2099."],
    });
  });

  it("takes 2026 in the schedule's zone", () => {
    const result = parse("2026-06-01T09:00");
    expect(fieldErrors(result)).toEqual({});
    expect(result.data?.autoReply.startTime).toBe("2026-06-01T07:00:00.000Z");
  });

  it("refuses a schedule without a known time zone", () => {
    expect(fieldErrors(parse("2026-06-01T09:00", "2026-12-31T17:00", "Mars/Olympus"))).toEqual({ startTime: ["The time zone of the schedule is unknown; reload the page."] });
  });
});

describe("fields a form did not post", () => {
  it("leave the messages and audience to the mailbox: a bulk change turning replies off sends none of them", () => {
    const result = ZAutoReplyForm.safeParse({ autoReplyState: "Disabled", scheduleZone: "UTC", startTime: "", endTime: "" });
    expect(result.data?.autoReply).toEqual({ autoReplyState: "Disabled", startTime: null, endTime: null, internalMessage: null, externalMessage: null, externalAudience: null });
  });
});
