import { describe, expect, it } from "vitest";
import { runBulk } from "@/lib/bulk/run-bulk";
import { submitBulk } from "@/lib/bulk/submit-bulk";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { createTemplate, deleteTemplate, updateTemplate } from "@/lib/templates/change-templates";
import { listTemplates } from "@/lib/templates/list-templates";
import { fillPlaceholders } from "@/lib/templates/placeholders";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { SEED_MAILBOXES } from "../../emulator/index";
import { readMailbox } from "../support/emulator-exchange";
import { actorOf } from "../support/people";
import { admin, exchangeFor, h, helpdesk, useBulkHarness } from "../bulk/bulk-harness";

// Templates end to end: the admin's library in the real database, a bulk change from a template
// against the emulator, whose stored mailboxes are the judge of what each one got.
useBulkHarness();

const TEMPLATE = {
  name: "Away with cover",
  internalMessage: "<p>{{displayName}} is away until {{ endDate }}. Ask {{coverName}} (<a href=\"mailto:{{coverAddress}}\">{{coverAddress}}</a>).</p>",
  externalMessage: "<p>{{displayName}} is back after {{endDateTime}}.</p>",
};
// 23:30 UTC on Monday 14 December 2026: already Tuesday in Berlin, still Monday afternoon in Seattle.
const START = "2026-12-10T08:00:00.000Z";
const END = "2026-12-14T23:30:00.000Z";
const errorOf = async (p: Promise<unknown>) => (await p.then(() => null, (e: unknown) => e)) as AppError;

async function submitFromTemplate(addresses: string[], messages: { internalMessage: string; externalMessage: string }, schedule = { autoReplyState: "Scheduled", startTime: START, endTime: END }) {
  return await submitBulk({
    user: helpdesk,
    actor: actorOf(helpdesk),
    ex: await exchangeFor(helpdesk),
    targets: addresses.map((input, i) => ({ line: i + 1, input })),
    rawParams: { ...schedule, ...messages, externalAudience: "All" },
  });
}

describe("automatic-reply templates", () => {
  it("a template with placeholders applied to two mailboxes in different time zones gives each the right name and end date", async () => {
    const id = await createTemplate(admin, actorOf(admin), TEMPLATE);
    const template = (await listTemplates()).find((t) => t.id === id)!;
    // The picker fills the colleague covering, the same for every mailbox; the rest stays for each mailbox.
    const cover = { coverName: "Alex Wilber", coverAddress: "alex.wilber@contoso.onmicrosoft.com" };
    const messages = { internalMessage: fillPlaceholders(template.internalMessage, cover).html, externalMessage: fillPlaceholders(template.externalMessage, cover).html };
    const { bulkId } = await submitFromTemplate([SEED_MAILBOXES.adeleVance, SEED_MAILBOXES.meganBowen, SEED_MAILBOXES.oliviaMartin], messages);
    expect(await runBulk(bulkId, { exchangeFor })).toMatchObject({ ran: 3, paused: null });

    const adele = (await readMailbox(h, SEED_MAILBOXES.adeleVance)).autoReply;
    expect(adele.internalMessage).toContain("Adele Vance is away until Dienstag, 15. Dezember 2026. Ask Alex Wilber (<a href=\"mailto:alex.wilber@contoso.onmicrosoft.com\">alex.wilber@contoso.onmicrosoft.com</a>).");
    expect(adele.externalMessage).toContain("Adele Vance is back after Dienstag, 15. Dezember 2026 um 00:30.");
    const megan = (await readMailbox(h, SEED_MAILBOXES.meganBowen)).autoReply;
    expect(megan.internalMessage).toContain("Megan Bowen is away until Monday, December 14, 2026. Ask Alex Wilber");
    expect(megan.externalMessage?.replace(/\u202f/g, " ")).toContain("Megan Bowen is back after Monday, December 14, 2026 at 3:30 PM.");
    // No regional configuration: UTC, in English, as the page says.
    const olivia = (await readMailbox(h, SEED_MAILBOXES.oliviaMartin)).autoReply;
    expect(olivia.internalMessage).toContain("is away until Monday, December 14, 2026.");
    for (const m of [adele, megan, olivia]) expect(`${m.internalMessage}${m.externalMessage}`).not.toContain("{{");

    // Each item's request, audit and read-back hold the message actually set, not the template.
    const items = await getDb().request.findMany({ where: { bulkId }, orderBy: { targetMailbox: "asc" } });
    const adeleItem = items.find((i) => i.targetMailbox === SEED_MAILBOXES.adeleVance)!;
    expect((adeleItem.parameters as { internalMessage: string }).internalMessage).toContain("Adele Vance is away until Dienstag, 15. Dezember 2026");
    const finished = await getDb().auditEvent.findFirstOrThrow({ where: { requestId: adeleItem.id, type: "execution.finished" } });
    expect(finished.data).toMatchObject({ status: "SUCCEEDED", verification: "VERIFIED" });
    expect(JSON.stringify((finished.data as { after: unknown }).after)).toContain("Adele Vance is away until Dienstag, 15. Dezember 2026");
    const submitted = await getDb().auditEvent.findFirstOrThrow({ where: { requestId: adeleItem.id, type: "request.submitted" } });
    expect(JSON.stringify(submitted.data)).toContain("Dienstag, 15. Dezember 2026");
  });

  it("refuses a bulk message whose placeholders cannot be filled, before anything is written", async () => {
    const before = await getDb().request.count();
    const noEnd = await errorOf(submitFromTemplate([SEED_MAILBOXES.meganBowen], { internalMessage: "<p>Back {{endDate}}.</p>", externalMessage: "<p>Away.</p>" }, { autoReplyState: "Enabled", startTime: null!, endTime: null! }));
    expect(noEnd).toBeInstanceOf(AppError);
    expect(noEnd.fieldErrors?.internalMessage).toEqual(["{{endDate}} cannot be filled: the replies have no end: choose Scheduled and set the end first."]);
    const noCover = await errorOf(submitFromTemplate([SEED_MAILBOXES.meganBowen], { internalMessage: "<p>Ask {{coverName}}.</p>", externalMessage: "<p>{{whoever}}</p>" }));
    expect(noCover.fieldErrors).toEqual({
      internalMessage: ["{{coverName}} cannot be filled: no covering colleague is chosen: pick one from the suggestions."],
      externalMessage: ["{{whoever}} cannot be filled: {{whoever}} is not a placeholder ExoDesk knows."],
    });
    expect(await getDb().request.count()).toBe(before);
  });

  it("saves a template as the editor writes it, formatting around whole placeholders kept; one split by formatting is refused", async () => {
    const editorHtml = {
      name: "Formatted",
      internalMessage: "<p><strong>{{displayName}}</strong> is off until <em>{{endDate}}</em>.</p><ul><li><p>Urgent: <u>{{coverName}}</u></p></li></ul>",
      externalMessage: "",
    };
    const id = await createTemplate(admin, actorOf(admin), editorHtml);
    const saved = (await listTemplates()).find((t) => t.id === id)!;
    expect(saved.internalMessage).toBe(editorHtml.internalMessage);
    expect(fillPlaceholders(saved.internalMessage, { displayName: "Adele Vance", endDate: "Monday", coverName: "Alex Wilber" })).toEqual({
      html: "<p><strong>Adele Vance</strong> is off until <em>Monday</em>.</p><ul><li><p>Urgent: <u>Alex Wilber</u></p></li></ul>",
      missing: [],
    });
    // What the editor never gives (it formats a placeholder as a whole), and why.
    const split = await errorOf(createTemplate(admin, actorOf(admin), { ...editorHtml, name: "Split", internalMessage: "<p>{{display<strong>Name</strong>}} is off.</p>" }));
    expect(split.fieldErrors?.internalMessage?.[0]).toMatch(/is not a placeholder ExoDesk knows/);
    await deleteTemplate(admin, actorOf(admin), id);
  });

  it("keeps the library: saving refuses unknown placeholders and active content, every change is audited", async () => {
    const refused = await errorOf(createTemplate(admin, actorOf(admin), { ...TEMPLATE, name: "Typo", internalMessage: "<p>{{displayname}} is away.</p>" }));
    expect(refused.fieldErrors?.internalMessage?.[0]).toMatch(/^\{\{displayname\}\} is not a placeholder ExoDesk knows\. Use \{\{displayName\}\}/);
    const script = await errorOf(createTemplate(admin, actorOf(admin), { ...TEMPLATE, name: "Bad", externalMessage: "<script>x()</script>" }));
    expect(script.fieldErrors?.externalMessage).toEqual(["It contains a <script> element, which is not allowed in an automatic reply. Remove it and try again."]);
    expect(await errorOf(createTemplate(helpdesk, actorOf(helpdesk), { ...TEMPLATE, name: "Mine" }))).toMatchObject({ code: "FORBIDDEN" });

    const id = await createTemplate(admin, actorOf(admin), { ...TEMPLATE, name: "Holiday" });
    expect(await errorOf(createTemplate(admin, actorOf(admin), { ...TEMPLATE, name: "Holiday" }))).toMatchObject({ code: "CONFLICT", message: 'A template named "Holiday" already exists.' });
    await updateTemplate(admin, actorOf(admin), id, { ...TEMPLATE, name: "Christmas", internalMessage: "<p>{{displayName}} is off.</p>" });
    expect((await listTemplates()).find((t) => t.id === id)).toMatchObject({ name: "Christmas", internalMessage: "<p>{{displayName}} is off.</p>" });
    await deleteTemplate(admin, actorOf(admin), id);
    expect((await listTemplates()).some((t) => t.id === id)).toBe(false);
    expect(await errorOf(deleteTemplate(admin, actorOf(admin), id))).toMatchObject({ code: "NOT_FOUND" });

    const events = await getDb().auditEvent.findMany({ where: { type: "template.changed" }, orderBy: { seq: "asc" } });
    const ours = events.map((e) => e.data as { templateId: string; change: string; name: string; before: { name: string } | null }).filter((d) => d.templateId === id);
    expect(ours.map((d) => [d.change, d.name, d.before?.name ?? null])).toEqual([
      ["created", "Holiday", null],
      ["edited", "Christmas", "Holiday"],
      ["deleted", "Christmas", "Christmas"],
    ]);
    expect((await verifyAuditChain(getDb())).ok).toBe(true);
  });
});
