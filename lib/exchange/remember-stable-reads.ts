import type { TExchange } from "./create-exchange";
import { normaliseIdentity } from "./identity";

// Reads whose answer one change cannot alter: who a recipient is (Get-Recipient) and the name of
// a mailbox's calendar folder (Get-MailboxFolderStatistics). Within one change (resolving its
// mailbox and trustee, the read before, the read back after) each is asked once; a read that
// failed is not kept, so a retry asks again. Everything else, every permission and setting a
// change reads to see what it did, always goes to Exchange.
const STABLE = new Set(["Get-Recipient", "Get-MailboxFolderStatistics"]);

function keyOf(cmdlet: string, parameters: Record<string, unknown>, select: string[] | undefined): string {
  const values = Object.entries(parameters)
    .map(([name, value]) => [name.toLowerCase(), typeof value === "string" ? normaliseIdentity(value) : value] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([cmdlet, values, select ?? null]);
}

export function rememberStableReads(ex: TExchange): TExchange {
  const answers = new Map<string, ReturnType<TExchange["invoke"]>>();
  return {
    invoke(cmdlet, parameters, options) {
      if (!STABLE.has(cmdlet)) return ex.invoke(cmdlet, parameters, options);
      const key = keyOf(cmdlet, parameters, options?.select);
      const known = answers.get(key);
      if (known) return known;
      const answer = ex.invoke(cmdlet, parameters, options);
      answers.set(key, answer);
      answer.catch(() => answers.delete(key));
      return answer;
    },
  };
}
