import { describe, expect, it } from "vitest";
import { linkDestination, sanitizeMessageHtmlForDisplay } from "./display-message-html";
import { sanitizeMessageHtml } from "./message-html";

const PHISHING = 'ExoDesk: your session expired, <a href="https://evil.example/login">sign in again</a>';

// Every <a> left in the output, with its attributes, as a browser would parse them.
function links(html: string): { href: string | null; target: string | null; rel: string | null }[] {
  return [...html.matchAll(/<a\s([^>]*)>/g)].map(([, attrs]) => {
    const get = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attrs!)?.[1] ?? null;
    return { href: get("href"), target: get("target"), rel: get("rel") };
  });
}

describe("messages shown inside the portal", () => {
  it("opens the phishing link outside the portal's tab and prints where it leads", () => {
    const html = sanitizeMessageHtmlForDisplay(PHISHING);
    expect(links(html)).toEqual([{ href: "https://evil.example/login", target: "_blank", rel: "noopener noreferrer" }]);
    expect(html).toBe(
      'ExoDesk: your session expired, <a href="https://evil.example/login" target="_blank" rel="noopener noreferrer">sign in again</a> <span class="message-link-destination">(https://evil.example/login)</span>',
    );
  });

  it.each([
    ["https:host", '<a href="https:evil.example/login">x</a>', "https://evil.example/login"],
    ["HTTPS in capitals", '<a href="HTTPS://Evil.Example/a">x</a>', "https://evil.example/a"],
    ["http with spaces around", '<a href="  http://evil.example/ ">x</a>', "http://evil.example/"],
    ["mailto", '<a href="mailto:help@contoso.com">x</a>', "mailto:help@contoso.com"],
    ["entity-encoded https", '<a href="&#104;ttps&#58;//evil.example/">x</a>', "https://evil.example/"],
  ])("keeps %s only as an absolute link with its real destination shown", (_name, input, destination) => {
    const html = sanitizeMessageHtmlForDisplay(input);
    expect(links(html)).toEqual([{ href: destination, target: "_blank", rel: "noopener noreferrer" }]);
    expect(html).toContain(`(${destination})`);
  });

  it.each([
    ["\\\\host", '<a href="\\\\evil.example\\login">x</a>'],
    ["/\\host", '<a href="/\\evil.example/login">x</a>'],
    ["//host", '<a href="//evil.example/login">x</a>'],
    ["a relative path", '<a href="/requests">x</a>'],
    ["a fragment", '<a href="#top">x</a>'],
    ["javascript:", '<a href="javascript:alert(1)">x</a>'],
    ["mixed-case JaVaScRiPt:", '<a href="JaVaScRiPt:alert(1)">x</a>'],
    ["entity-encoded javascript:", '<a href="&#106;avascript&#x3A;alert(1)">x</a>'],
    ["entity-encoded colon with tab", '<a href="java&#9;script&colon;alert(1)">x</a>'],
    ["data:", '<a href="data:text/html,<script>alert(1)</script>">x</a>'],
    ["vbscript:", '<a href="vbscript:msgbox(1)">x</a>'],
    ["ftp:", '<a href="ftp://evil.example/">x</a>'],
    ["no href", "<a>x</a>"],
    ["a trusted-looking user name before the host", '<a href="https://login.microsoftonline.com@evil.example/">x</a>'],
    ["a user name and password", '<a href="https://user:secret@evil.example/">x</a>'],
  ])("turns a link to %s into plain text", (_name, input) => {
    const html = sanitizeMessageHtmlForDisplay(input);
    expect(links(html)).toEqual([]);
    expect(html).toContain("x");
    expect(html).not.toMatch(/href/i);
  });

  it("closes a link when another opens, as a browser does, and prints each one's destination", () => {
    const html = sanitizeMessageHtmlForDisplay('<a href="https://a.example/">one <a href="https://b.example/">two</a> three</a> after');
    expect(links(html).map((l) => l.href)).toEqual(["https://a.example/", "https://b.example/"]);
    expect(html).toContain("one </a> <span class=\"message-link-destination\">(https://a.example/)</span>");
    expect(html).toContain("two</a> <span class=\"message-link-destination\">(https://b.example/)</span>");
    expect(html).toContain("three after");
  });

  it("prints a destination holding markup characters as text", () => {
    const html = sanitizeMessageHtmlForDisplay('<a href="https://evil.example/?q=&quot;x&quot;&amp;y=1">x</a>');
    expect(html).toContain("(https://evil.example/?q=%22x%22&amp;y=1)");
    expect(links(html)[0]?.href).toBe("https://evil.example/?q=%22x%22&amp;y=1");
  });

  it("keeps the rest of the message as the sending sanitiser leaves it", () => {
    const input = "<p>Away <b>until Monday</b></p><ul><li>one</li></ul>";
    expect(sanitizeMessageHtmlForDisplay(input)).toBe(sanitizeMessageHtml(input));
  });
});

describe("linkDestination", () => {
  it("reads a URL as a browser would, without the portal as a base", () => {
    expect(linkDestination("https:evil.example")).toBe("https://evil.example/");
    expect(linkDestination("\\\\evil.example")).toBeNull();
    expect(linkDestination("//evil.example")).toBeNull();
    expect(linkDestination("javascript:alert(1)")).toBeNull();
    expect(linkDestination(undefined)).toBeNull();
  });
});
