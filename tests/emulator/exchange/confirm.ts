import { cmdletErrors } from "./cmdlet-errors";
import type { ParamSpec } from "./parameters";
import type { CmdletInvocation } from "./cmdlets/types";

// -Confirm, declared by the cmdlets whose ConfirmImpact is high (Remove-*,
// Add-RecipientPermission). Through InvokeCommand nobody can answer a prompt. Public clients
// call these cmdlets without "Confirm": false and succeed, so by default nothing is asked.
// "Confirm": true is the module's validation call: the cmdlet checks its input, changes
// nothing and answers with "@adminapi.confirmationmessage"; the module shows that text and
// sends the same call again with "Confirm": false. The "required" quirk (the old behaviour)
// makes a missing or true Confirm fail as a host that cannot prompt fails.
export const CONFIRM: ParamSpec = { name: "Confirm", type: "bool" };

// Thrown at the point where the cmdlet would have changed something; run-request answers it.
export class ConfirmationRequested {
  constructor(readonly message: string) {}
}

export function assertConfirmed({ ctx, params }: CmdletInvocation, cmdlet: string, target: string): void {
  const confirm = params.get("Confirm");
  if (ctx.state.quirks.confirmation === "required") {
    if (confirm === false) return;
    throw cmdletErrors.confirmationRequired(cmdlet, target);
  }
  // PowerShell's ShouldProcess wording; Exchange's own per-cmdlet text is not published.
  if (confirm === true) throw new ConfirmationRequested(`Performing the operation "${cmdlet}" on target "${target}".`);
}
