import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sanitizeMessageHtml } from "@/lib/html/message-html";
import { checkPlaceholders, describeMissing, findUnfilled, fillPlaceholders, formatEnd, formatWallClockEnd, listPlaceholders, placeholderSpans } from "./placeholders";

// U+202F (narrow no-break space) sits before "PM" in recent ICU data; read as a plain space here.
const plain = (s: string | null | undefined) => s?.replace(/\u202f/g, " ");

describe("placeholders in a template", () => {
  it("fills each known placeholder, spaces inside the braces allowed, and lists those without a value", () => {
    const result = fillPlaceholders("<p>{{displayName}} is away until {{ endDate }}. Ask {{coverName}}.</p>", { displayName: "Adele Vance", endDate: "Dienstag, 15. Dezember 2026" });
    expect(result).toEqual({ html: "<p>Adele Vance is away until Dienstag, 15. Dezember 2026. Ask {{coverName}}.</p>", missing: ["coverName"] });
  });

  it("inserts values as text, never markup", () => {
    expect(fillPlaceholders("<p>{{displayName}}</p>", { displayName: `O'Brien & <b>Sons</b>` }).html).toBe("<p>O&#39;Brien &amp; &lt;b&gt;Sons&lt;/b&gt;</p>");
  });

  it("a blank value counts as none", () => {
    expect(fillPlaceholders("{{coverName}}", { coverName: "  " }).missing).toEqual(["coverName"]);
  });

  it("refuses unknown names and braces left open when a template is saved", () => {
    expect(checkPlaceholders("<p>{{displayName}} until {{endDate}}</p>")).toBeNull();
    expect(checkPlaceholders("<p>{{DisplayName}}</p>")).toBe(
      "{{DisplayName}} is not a placeholder ExoDesk knows. Use {{displayName}}, {{endDate}}, {{endDateTime}}, {{coverName}}, {{coverAddress}}.",
    );
    expect(checkPlaceholders("<p>{{displayName}</p>")).toBe("A placeholder is not closed: write it as {{displayName}}, with two braces on each side.");
    expect(checkPlaceholders("<p>}}</p>")).not.toBeNull();
  });

  it("finds where each placeholder is in a text, as the editor keeps it whole", () => {
    const text = "Ask {{ coverName }} or {{bad}";
    expect(placeholderSpans(text).map(([start, end]) => text.slice(start, end))).toEqual(["{{ coverName }}"]);
  });

  it("says why a placeholder has no value", () => {
    expect(describeMissing(["endDate", "endDateTime"])).toBe("{{endDate}}, {{endDateTime}} cannot be filled: the replies have no end: choose Scheduled and set the end first.");
  });

  it("finds a template's placeholders left in a message about to be sent as it is", () => {
    expect(findUnfilled({ internalMessage: "<p>Back {{endDate}}, ask {{coverName}}</p>", externalMessage: "<p>{{not one}} {x}</p>" })).toEqual({
      internalMessage: ["{{endDate}}, {{coverName}} are placeholders with no value here: use the template again once the end or the colleague is set, or write the text in place."],
    });
    // The whole form's values, as the action passes them: only the messages are read.
    expect(findUnfilled({ autoReplyState: "Enabled", startTime: null, internalMessage: "<p>Back Monday</p>", externalMessage: "" } as never)).toBeNull();
  });

  it("keeps placeholders through the message sanitiser, in text and in links", () => {
    const html = '<p>{{displayName}} <a href="mailto:{{coverAddress}}">{{coverName}}</a></p>';
    expect(sanitizeMessageHtml(html)).toBe(html);
  });

  it("whatever the values, the filled text holds no placeholder that had a value and no markup of the values", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (name, cover) => {
        fc.pre(name.trim() !== "" && cover.trim() !== "");
        const { html, missing } = fillPlaceholders("<p>{{displayName}} {{coverName}} {{endDate}}</p>", { displayName: name, coverName: cover });
        expect(missing).toEqual(["endDate"]);
        expect(listPlaceholders(html.replace("{{endDate}}", ""))).toEqual([]);
        expect(html.slice(3, -4).replace("{{endDate}}", "")).not.toMatch(/[<>"']/);
      }),
    );
  });
});

describe("the end date as the mailbox's owner reads it", () => {
  // 23:30 UTC on Monday 14 December 2026.
  const end = new Date("2026-12-14T23:30:00Z");

  it("in the mailbox's zone and language", () => {
    expect(formatEnd(end, "Europe/Berlin", "de-DE")).toEqual({ endDate: "Dienstag, 15. Dezember 2026", endDateTime: "Dienstag, 15. Dezember 2026 um 00:30" });
    const seattle = formatEnd(end, "America/Los_Angeles", "en-US");
    expect([seattle.endDate, plain(seattle.endDateTime)]).toEqual(["Monday, December 14, 2026", "Monday, December 14, 2026 at 3:30 PM"]);
    expect(formatEnd(end, "Asia/Tokyo", "ja-JP").endDate).toBe("2026年12月15日火曜日");
  });

  it("with no language, or one nobody knows, in US English", () => {
    expect(formatEnd(end, "UTC", null).endDate).toBe("Monday, December 14, 2026");
    expect(formatEnd(end, "UTC", "not a language").endDate).toBe("Monday, December 14, 2026");
  });

  it("from the form's wall-clock time, the same whatever the browser's zone", () => {
    expect(formatWallClockEnd("2026-12-15T00:30", "de-DE")).toEqual({ endDate: "Dienstag, 15. Dezember 2026", endDateTime: "Dienstag, 15. Dezember 2026 um 00:30" });
    expect(formatWallClockEnd("", "de-DE")).toEqual({});
  });
});
