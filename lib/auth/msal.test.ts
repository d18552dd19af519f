import { ClientAuthError, InteractionRequiredAuthError, ServerError } from "@azure/msal-node";
import { describe, expect, it } from "vitest";
import { needsInteraction } from "./msal";

// How MSAL surfaces Entra's refusals of a refresh token (tests/emulator/README.md): each one
// means "sign in again"; anything else (network, Entra down) does not.
describe("needsInteraction", () => {
  it.each([
    ["AADSTS50173 without suberror", new ServerError("invalid_grant", "AADSTS50173: The provided grant has expired due to it being revoked")],
    ["AADSTS70043 invalid_grant + token_expired", new ServerError("invalid_grant", "AADSTS70043: sign-in frequency", "token_expired")],
    ["AADSTS70043 interaction_required", new InteractionRequiredAuthError("interaction_required", "AADSTS70043: sign-in frequency", "token_expired")],
    ["AADSTS700082 without suberror", new ServerError("invalid_grant", "AADSTS700082: The refresh token has expired due to inactivity")],
    ["bad_token", new InteractionRequiredAuthError("invalid_grant", "AADSTS50173", "bad_token")],
  ])("%s: sign in again", (_name, error) => {
    expect(needsInteraction(error)).toBe(true);
  });

  it("a copy of MSAL's error class (another bundle) is read by its fields", () => {
    const foreign = Object.assign(new Error("AADSTS50173"), { name: "ServerError", errorCode: "invalid_grant" });
    expect(needsInteraction(foreign)).toBe(true);
  });

  it.each([
    ["a network failure", new ClientAuthError("network_error", "fetch failed")],
    ["Entra answering 500", new ServerError("server_error", "AADSTS90033: A transient error has occurred")],
    ["a plain error", new Error("boom")],
  ])("%s: not a sign-in problem", (_name, error) => {
    expect(needsInteraction(error)).toBe(false);
  });
});
