import type { TExchange } from "@/lib/exchange/create-exchange";
import { ExchangeError } from "@/lib/exchange/errors";

export const ADELE = "adele.vance@contoso.onmicrosoft.com";

type TState = { AutoReplyState: string; InternalMessage: string; ExternalMessage: string; ExternalAudience: string };
const disabled: TState = { AutoReplyState: "Disabled", InternalMessage: "", ExternalMessage: "", ExternalAudience: "None" };

// A scripted Exchange: reads return `state` (or throw), the Set applies or throws as told.
export function scriptedExchange(script: { set?: "ok" | "ignore" | ExchangeError; readsAfterSet?: "ok" | ExchangeError; before?: ExchangeError }) {
  let state = { ...disabled };
  let setCalled = false;
  const calls: string[] = [];
  const ex: TExchange = {
    async invoke(cmdlet, parameters) {
      calls.push(cmdlet);
      const ok = (value: Record<string, unknown>[]) => ({ value, warnings: [], clientRequestId: "c" });
      if (cmdlet === "Get-Recipient") return ok([{ DisplayName: "Adele Vance", PrimarySmtpAddress: ADELE, RecipientTypeDetails: "UserMailbox" }]);
      if (cmdlet === "Get-MailboxAutoReplyConfiguration") {
        if (!setCalled && script.before) throw script.before;
        if (setCalled && script.readsAfterSet instanceof ExchangeError) throw script.readsAfterSet;
        return ok([{ ...state }]);
      }
      if (cmdlet === "Set-MailboxAutoReplyConfiguration") {
        setCalled = true;
        const applied = { ...state, ...(parameters as Partial<TState>) };
        if (script.set instanceof ExchangeError) {
          if (script.set.kind !== "throttled" && script.set.kind !== "out_of_scope" && script.set.kind !== "transient") state = applied;
          throw script.set;
        }
        if (script.set !== "ignore") state = applied;
        return ok([]);
      }
      throw new Error(`unexpected cmdlet ${cmdlet}`);
    },
  };
  return { ex, calls };
}

