import { describe, expect, it } from "vitest";
import { toSameOriginPath, toSameOriginUrl } from "./same-origin-redirect";

// Callback URLs that have led to open redirects somewhere.
const TRICKY_CALLBACKS = [
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "https://evil.example",
  "HTTPS://evil.example/",
  "https:evil.example",
  "http://localhost:3000@evil.example",
  "//localhost:3000@evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  " //evil.example",
  "",
];

describe("callback URLs stay on the portal", () => {
  it.each(TRICKY_CALLBACKS)("path %j falls back", (value) => {
    expect(toSameOriginPath(value)).toBe("/");
  });

  it("keeps ordinary paths, queries and fragments", () => {
    expect(toSameOriginPath("/mailboxes/a%40b/auto-reply?x=1#top")).toBe("/mailboxes/a%40b/auto-reply?x=1#top");
    expect(toSameOriginPath("/audit")).toBe("/audit");
  });

  it("treats encoded slashes as part of the path", () => {
    expect(toSameOriginPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(toSameOriginPath("/%5C%5Cevil.example")).toBe("/%5C%5Cevil.example");
    expect(toSameOriginPath("/./..//evil.example")).toBe("/");
  });

  it.each(TRICKY_CALLBACKS)("next-auth redirect %j goes to the base URL", (value) => {
    expect(toSameOriginUrl(value, "http://localhost:3000")).toBe("http://localhost:3000");
  });

  it("next-auth redirect keeps same-origin URLs", () => {
    expect(toSameOriginUrl("/requests/1", "http://localhost:3000")).toBe("http://localhost:3000/requests/1");
    expect(toSameOriginUrl("http://localhost:3000/audit?x=1", "http://localhost:3000")).toBe("http://localhost:3000/audit?x=1");
    expect(toSameOriginUrl("http://localhost:3001/audit", "http://localhost:3000")).toBe("http://localhost:3000");
  });
});
