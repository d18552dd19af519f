import { IDENTITY } from "../parameters";
import { resolveTarget } from "../rbac";
import { regionalObject } from "../views";
import type { CmdletDefinition } from "./types";

export const getMailboxRegionalConfiguration: CmdletDefinition = {
  name: "Get-MailboxRegionalConfiguration",
  parameters: [IDENTITY],
  run: ({ ctx, caller, params }) => {
    const m = resolveTarget(ctx.state.tenant, caller, params.get("Identity") as string);
    return { rows: [regionalObject(m)], warnings: [] };
  },
};
