import { describe, expect, it } from "vitest";
import { parseExchangeDate } from "./dates";
import { parseSuccessBody } from "./response";

// Issue 14 point 11: dates arrive annotated "<Prop>@data.type":"System.DateTime", ending in Z,
// in +00:00 or with no offset at all. All three are the same instant; no offset means UTC.
const FORMS = {
  "no offset": "2026-12-24T08:00:00.0000000",
  Z: "2026-12-24T08:00:00.0000000Z",
  "+00:00": "2026-12-24T08:00:00.0000000+00:00",
};

describe("auto-reply StartTime/EndTime as Exchange writes them", () => {
  it.each(Object.entries(FORMS))("%s: the annotation is dropped and the value read as UTC", (_form, value) => {
    const page = parseSuccessBody(
      JSON.stringify({
        "@odata.context": "https://outlook.office365.com/adminapi/beta/t/$metadata#Collection(Exchange.GenericHashTable)",
        value: [{ AutoReplyState: "Scheduled", "StartTime@data.type": "System.DateTime", StartTime: value, "EndTime@data.type": "System.DateTime", EndTime: value }],
      }),
    );
    const row = page!.value[0]!;
    expect(Object.keys(row)).toEqual(["AutoReplyState", "StartTime", "EndTime"]);
    expect(parseExchangeDate(row.StartTime)?.toISOString()).toBe("2026-12-24T08:00:00.000Z");
  });
});
