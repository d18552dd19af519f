import { describe, expect, it } from "vitest";
import type { TActorSnapshot } from "@/lib/audit/events";
import { queryHistory, ZHistoryQuery } from "@/lib/audit/query-history";
import { writeAudit } from "@/lib/audit/write-audit";
import { getDb } from "@/lib/db/client";
import { useMigratedEmbeddedDb } from "../support/embedded-db";

// One mailbox and one person, spelt the ways they arrive (Exchange's case, a pasted address with
// spaces, an accent composed or decomposed): the history stores one spelling and finds every
// event by any of them, as the audit page's filter and the mailbox timeline's links ask.
useMigratedEmbeddedDb();

const MAILBOX_SPELLINGS = ["Zo\u00eb.Adams@Contoso.onmicrosoft.com", " zoe\u0308.adams@contoso.onmicrosoft.com ", "ZO\u00cb.ADAMS@CONTOSO.ONMICROSOFT.COM"];
const ACTOR_SPELLINGS = ["Ren\u00e9e@Contoso.onmicrosoft.com", "rene\u0301e@contoso.onmicrosoft.com "];
const actor = (upn: string): TActorSnapshot => ({ oid: "renee-oid", upn, name: "Renée", roles: ["ExoDesk.Helpdesk"], ip: null, userAgent: null });

describe("people and mailboxes in the audit history", () => {
  it("are stored in one spelling and found by any spelling of them", async () => {
    await getDb().$transaction(async (tx) => {
      for (const [i, mailbox] of MAILBOX_SPELLINGS.entries()) {
        await writeAudit(tx, { type: "session.signed-in", data: {} }, actor(ACTOR_SPELLINGS[i % 2]!), { targetMailbox: mailbox });
      }
      await writeAudit(tx, { type: "session.signed-in", data: {} }, actor("someone.else@contoso.onmicrosoft.com"), { targetMailbox: "zoe.adams@contoso.onmicrosoft.com" });
    });
    const all = (await queryHistory(getDb(), ZHistoryQuery.parse({ dir: "asc" }))).rows;
    expect(all.map((r) => [r.actorUpn, r.targetMailbox])).toEqual([
      ["ren\u00e9e@contoso.onmicrosoft.com", "zo\u00eb.adams@contoso.onmicrosoft.com"],
      ["ren\u00e9e@contoso.onmicrosoft.com", "zo\u00eb.adams@contoso.onmicrosoft.com"],
      ["ren\u00e9e@contoso.onmicrosoft.com", "zo\u00eb.adams@contoso.onmicrosoft.com"],
      ["someone.else@contoso.onmicrosoft.com", "zoe.adams@contoso.onmicrosoft.com"],
    ]);
    const zoe = all.slice(0, 3).map((r) => r.id);
    for (const mailbox of MAILBOX_SPELLINGS) {
      expect((await queryHistory(getDb(), ZHistoryQuery.parse({ mailbox, dir: "asc" }))).rows.map((r) => r.id), mailbox).toEqual(zoe);
    }
    for (const upn of ACTOR_SPELLINGS) {
      expect((await queryHistory(getDb(), ZHistoryQuery.parse({ actor: upn, dir: "asc" }))).rows.map((r) => r.id), upn).toEqual(zoe);
    }
  });
});
