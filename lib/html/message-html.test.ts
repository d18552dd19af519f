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

// What is SENT to Exchange: script schemes are refused with a reason, and links a mail client
// would resolve against something unknown (protocol-relative, UNC-like) lose their href.
describe("links in a message sent to Exchange", () => {
  it.each([
    ["javascript:", "javascript:alert(1)"],
    ["mixed-case JaVaScRiPt:", "JaVaScRiPt:alert(1)"],
    ["entity-encoded javascript:", "&#106;avascript&#x3A;alert(1)"],
    ["javascript: with an encoded tab and colon", "java&#9;script&colon;alert(1)"],
  ])("refuses %s", (_name, href) => {
    expect(findActiveContent(`<a href="${href}">x</a>`)).toContain("javascript: link");
    expect(sanitizeMessageHtml(`<a href="${href}">x</a>`)).toBe("<a>x</a>");
  });

  it.each([
    ["//host", "//evil.example/x"],
    ["\\\\host", "\\\\evil.example\\x"],
    ["/\\host", "/\\evil.example"],
  ])("drops the href of %s", (_name, href) => {
    expect(sanitizeMessageHtml(`<a href="${href}">x</a>`)).toBe("<a>x</a>");
  });

  it("keeps an absolute https link as written (the display shows where it leads)", () => {
    expect(sanitizeMessageHtml('<a href="https:evil.example/x">x</a>')).toBe('<a href="https:evil.example/x">x</a>');
  });
});
