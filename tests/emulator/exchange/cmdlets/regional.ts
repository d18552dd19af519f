import { resolveMailbox } from "../identity";
import { regionalObject } from "../views";
import type { CmdletDefinition } from "./types";

export const getMailboxRegionalConfiguration: CmdletDefinition = {
  name: "Get-MailboxRegionalConfiguration",
  parameters: [{ name: "Identity", type: "string", mandatory: true }],
  run: ({ ctx, params }) => {
    const m = resolveMailbox(ctx.state.tenant, params.get("Identity") as string);
    return { rows: [regionalObject(m)], warnings: [] };
  },
};
