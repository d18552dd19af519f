import type { TOutcome } from "./execute-request";

// The outcome of one change in the words a helpdesk person needs: what happened, what next.
export function describeOutcome(outcome: Pick<TOutcome, "status" | "verification" | "error">): {
  tone: "success" | "warning" | "error";
  message: string;
} {
  if (outcome.status === "SUCCEEDED") {
    if (outcome.verification === "VERIFIED") {
      return { tone: "success", message: "Done and verified: Exchange now shows exactly what you asked for." };
    }
    if (outcome.verification === "DRIFTED") {
      return { tone: "warning", message: "Exchange accepted the change, but the mailbox now shows something different from what you asked for (drifted). Review the request before trying again." };
    }
    return { tone: "warning", message: "Exchange accepted the change, but ExoDesk could not read the mailbox back to verify it." };
  }
  if (outcome.status === "NEEDS_SOMEONE") {
    return { tone: "error", message: `The right was not removed, so the removal stays due. ${outcome.error?.message ?? "Exchange refused it."}` };
  }
  if (outcome.status === "FAILED") {
    return { tone: "error", message: `The change was not made. ${outcome.error?.message ?? "Exchange refused it."}` };
  }
  return { tone: "error", message: "Exchange did not answer clearly and the mailbox could not be read back, so it is not known whether the change was made (outcome unknown). Check the mailbox before trying again." };
}
