import { describe, expect, it } from "vitest";
import { messageToText } from "./message-text";

describe("messageToText", () => {
  it("keeps the words of an Outlook message: paragraphs and breaks as lines, list items as bullets, no blank lines", () => {
    const outlook = '<html><head><meta charset="utf-8"><style>p.MsoNormal{margin:0}</style></head><body><p class="MsoNormal">Tom &amp; Jerry&nbsp;are away.</p><p class="MsoNormal">&nbsp;</p><ol><li>First</li><li>Second<br>line</li></ol></body></html>';
    expect(messageToText(outlook)).toBe("Tom & Jerry are away.\n• First\n• Second\nline");
  });

  it("prints where a link leads unless its text already says so", () => {
    expect(messageToText('<p>Ask <a href="https://help.example/?a=1&amp;b=2">the helpdesk</a> or <a href="mailto:it@contoso.com">it@contoso.com</a></p>')).toBe(
      "Ask the helpdesk (https://help.example/?a=1&b=2) or it@contoso.com",
    );
  });

  it("turns what would run into nothing and markup typed as text into text", () => {
    expect(messageToText('<p onclick="x()">Hi<script>alert(1)</script> &lt;b&gt;bold&lt;/b&gt;</p><a href="javascript:alert(2)">here</a>')).toBe("Hi <b>bold</b>\nhere");
    expect(messageToText(null)).toBe("");
  });
});
