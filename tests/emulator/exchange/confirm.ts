import { cmdletErrors } from "./cmdlet-errors";
import type { ParamSpec } from "./parameters";
import type { CmdletInvocation } from "./cmdlets/types";

// -Confirm, declared by the cmdlets whose ConfirmImpact is high (Remove-*,
// Add-RecipientPermission). Through InvokeCommand nobody can answer a prompt. Public clients
// call these cmdlets without "Confirm": false and succeed, so by default nothing is asked; the
// "required" quirk makes a missing or true Confirm fail as a host that cannot prompt fails.
export const CONFIRM: ParamSpec = { name: "Confirm", type: "bool" };

export function assertConfirmed({ ctx, params }: CmdletInvocation, cmdlet: string, target: string): void {
  if (ctx.state.quirks.confirmation !== "required") return;
  if (params.get("Confirm") === false) return;
  throw cmdletErrors.confirmationRequired(cmdlet, target);
}
