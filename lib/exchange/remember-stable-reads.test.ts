import { describe, expect, it } from "vitest";
import type { TExchange } from "./create-exchange";
import { ExchangeError } from "./errors";
import { rememberStableReads } from "./remember-stable-reads";

function countingExchange(fail?: (cmdlet: string, n: number) => boolean) {
  const calls: string[] = [];
  const ex: TExchange = {
    async invoke(cmdlet, parameters) {
      calls.push(`${cmdlet} ${JSON.stringify(parameters)}`);
      if (fail?.(cmdlet, calls.length)) throw new ExchangeError("throttled", "Too many requests");
      return { value: [{ Name: String(parameters.Identity) }], warnings: [], clientRequestId: String(calls.length) };
    },
  };
  return { ex, calls };
}

describe("remembering the reads one change cannot alter", () => {
  it("asks Exchange once for a recipient or a calendar folder, however the address is written, even while the first answer is on its way", async () => {
    const { ex, calls } = countingExchange();
    const remembered = rememberStableReads(ex);
    const [a, b] = await Promise.all([
      remembered.invoke("Get-Recipient", { Identity: "Alex.Wilber@contoso.onmicrosoft.com" }),
      remembered.invoke("Get-Recipient", { Identity: " alex.wilber@contoso.onmicrosoft.com" }),
    ]);
    expect(a).toBe(b);
    await remembered.invoke("Get-MailboxFolderStatistics", { Identity: "megan", FolderScope: "Calendar" });
    await remembered.invoke("Get-MailboxFolderStatistics", { FolderScope: "Calendar", Identity: "MEGAN" });
    expect(calls).toHaveLength(2);
  });

  it("always reads permissions and settings again: they are what a change alters", async () => {
    const { ex, calls } = countingExchange();
    const remembered = rememberStableReads(ex);
    for (let i = 0; i < 2; i++) {
      await remembered.invoke("Get-MailboxPermission", { Identity: "megan", User: "alex" });
      await remembered.invoke("Get-Mailbox", { Identity: "megan" });
      await remembered.invoke("Get-MailboxFolderPermission", { Identity: "megan:\\Calendar", User: "alex" });
    }
    expect(calls).toHaveLength(6);
  });

  it("keeps no failed answer: the next read asks again", async () => {
    const { ex, calls } = countingExchange((_cmdlet, n) => n === 1);
    const remembered = rememberStableReads(ex);
    await expect(remembered.invoke("Get-Recipient", { Identity: "alex" })).rejects.toThrow("Too many requests");
    await expect(remembered.invoke("Get-Recipient", { Identity: "alex" })).resolves.toMatchObject({ value: [{ Name: "alex" }] });
    expect(calls).toHaveLength(2);
  });
});
