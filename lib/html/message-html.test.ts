import { describe, expect, it } from "vitest";
import { findActiveContent, normaliseMessageHtml, sanitizeMessageHtml } from "./message-html";

describe("auto-reply message HTML", () => {
  it.each([
    ["<p>Hi</p><script>alert(1)</script>", "<script>"],
    ['<img src=x onerror="alert(1)">', "onerror"],
    ['<a href="javascript:alert(1)">x</a>', "javascript:"],
    ['<a href="java\tscript:alert(1)">x</a>', "javascript:"],
    ["<iframe src=//evil></iframe>", "<iframe>"],
    ["<svg><animate onbegin=alert(1)></svg>", "<svg>"],
    ['<p style="x" onmouseover=alert(1)>x</p>', "onmouseover"],
  ])("refuses active content in %s", (html, needle) => {
    expect(findActiveContent(html)).toContain(needle);
  });

  it("accepts ordinary formatted messages", () => {
    expect(findActiveContent('<p>I am <b>away</b>. Contact <a href="mailto:x@contoso.com">x</a>.</p>')).toBeNull();
  });

  it("sanitises for display and strips Exchange's document wrapper", () => {
    const stored = "<html><head><style>p{}</style></head><body><p>Away</p><img src=x onerror=alert(1)></body></html>";
    expect(sanitizeMessageHtml(stored)).toBe("<p>Away</p>");
    expect(normaliseMessageHtml(stored)).toBe(normaliseMessageHtml("<p>Away</p>"));
  });
});
