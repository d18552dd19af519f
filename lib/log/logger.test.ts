import { describe, expect, it } from "vitest";
import { scrubSecrets } from "./logger";

describe("scrubSecrets", () => {
  it("removes JWTs, bearer tokens and secret form parameters, and keeps the rest readable", () => {
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl";
    expect(scrubSecrets(`token ${jwt} rejected`)).toBe("token [redacted-jwt] rejected");
    expect(scrubSecrets("Authorization: Bearer abc.def-ghi_jkl~mno")).toBe("Authorization: Bearer [redacted]");
    expect(scrubSecrets("grant_type=refresh_token&refresh_token=0.AXoA-secret&client_secret=s3cr3t!")).toBe(
      "grant_type=refresh_token&refresh_token=[redacted]&client_secret=[redacted]",
    );
    expect(scrubSecrets("Mailbox adele.vance@contoso.com was not found")).toBe("Mailbox adele.vance@contoso.com was not found");
  });
});
