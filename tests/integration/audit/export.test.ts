import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TActorSnapshot, TAuditEvent } from "@/lib/audit/events";
import { queryHistory, readChainHead, ZHistoryQuery, type THistoryRow } from "@/lib/audit/query-history";
import { hashAuditRow, type TCsvColumn } from "@/lib/audit/audit-row";
import { verifyExportFile } from "@/lib/audit/verify-export";
import { writeAudit } from "@/lib/audit/write-audit";
import { describeDatabase, getDb } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDb } from "../db/test-db";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { interceptRawQueries, runAuditVerifyCli, saveExport } from "../support/export-files";

// The auditor's export of a filtered view, as files someone keeps: exactly the rows shown,
// byte-exact, checkable against the chain later, and any edit is caught and named.
useMigratedEmbeddedDb();
const dir = mkdtempSync(path.join(tmpdir(), "exodesk-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MAILBOX = "Shared-Sales@contoso.example";
const query = ZHistoryQuery.parse({ mailbox: "shared-sales@CONTOSO.example", dir: "asc" });
const zoe: TActorSnapshot = {
  oid: randomUUID(),
  upn: "Zoe.OBrien@contoso.example",
  name: 'Zoë "Zed" O\'Brien, Jr. — 山田 🏖️',
  roles: ["ExoDesk.Helpdesk"],
  ip: "2001:db8::1",
  userAgent: 'Mozilla/5.0 (X11; Linux), "quoted", comma',
};
const lee: TActorSnapshot = { oid: randomUUID(), upn: "lee@contoso.example", name: "Lee Gu", roles: ["ExoDesk.Approver"], ip: null, userAgent: null };

function submitted(n: number): TAuditEvent {
  const marker = `m-${String(n).padStart(3, "0")}`;
  const message = `<p>Hi, "all"</p>\r\nBack on Monday,\n# not a comment\n\ttabbed; ünïcödé ✓ ${marker}`;
  return { type: "request.submitted", data: { action: "auto-reply.set", parameters: { identity: MAILBOX, internalMessage: message, marker } } };
}

async function write(db: PrismaClient, event: TAuditEvent, actor: TActorSnapshot | null, mailbox: string, status?: string): Promise<void> {
  await db.$transaction((tx) => writeAudit(tx, event, actor, { requestId: randomUUID(), targetMailbox: mailbox, action: "auto-reply.set", status }));
}

beforeAll(async () => {
  for (let n = 0; n < 24; n++) {
    const inView = n % 3 !== 2;
    const actor = n % 4 === 3 ? null : n % 2 ? lee : zoe;
    await write(getDb(), n % 5 === 4 ? { type: "request.approved", data: { comment: `ok, "${n}"\nthanks` } } : submitted(n), actor, inView ? MAILBOX : "megan.bowen@contoso.example", "PENDING_APPROVAL");
  }
});

type TExported = { text: string; head: { seq: bigint; hash: string }; rows: THistoryRow[]; appended: number };
const exported: Partial<Record<"csv" | "jsonl", TExported & { file: string }>> = {};

// Exports while another writer appends an event for the same mailbox before every batch read.
async function exportWhileAppending(format: "csv" | "jsonl"): Promise<TExported & { file: string }> {
  const head = (await readChainHead(getDb()))!;
  const rows = (await queryHistory(getDb(), query, { limit: 10_000 })).rows;
  let appended = 0;
  const busy = interceptRawQueries(getDb(), async () => {
    await write(getDb(), submitted(900 + appended++), zoe, MAILBOX);
  });
  const file = path.join(dir, `history.${format}`);
  const text = await saveExport(busy, query, format, file);
  return (exported[format] = { file, text, head, rows, appended });
}

const csvRecords = (text: string): Record<TCsvColumn, string>[] => {
  // The three preamble lines are skipped by position, so no comment handling can hide a row.
  const body = text.split("\r\n").slice(3).join("\r\n");
  return parse(body, { columns: true });
};

describe("exporting the history", () => {
  it("CSV: exactly the filtered rows in order, byte-exact, with hashes; the header names the chain head at export time", async () => {
    const { text, head, rows, appended } = await exportWhileAppending("csv");
    expect(rows.length).toBe(16);
    expect(appended).toBeGreaterThan(0);
    const lines = text.split("\r\n");
    expect(lines[0]).toMatch(/^# ExoDesk audit export at \d{4}-\d\d-\d\dT/);
    expect(lines[1]).toBe(`# chain head: seq ${head.seq}, hash ${head.hash}`);
    expect(lines[2]).toBe('# view: {"mailbox":"shared-sales@contoso.example","sort":"time","dir":"asc"}');
    // Written out: auditors' tools read these columns by name.
    expect(lines[3]).toBe("seq,id,at,type,actor_oid,actor_upn,actor_name,actor_roles,actor_ip,actor_user_agent,request_id,target_mailbox,action,status,data,prev_hash,hash");
    const records = csvRecords(text);
    expect(records.map((r) => [r.seq, r.id, r.prev_hash, r.hash])).toEqual(rows.map((r) => [r.seq.toString(), r.id, r.prevHash, r.hash]));
    expect(records.map((r) => [r.actor_name, r.actor_user_agent, r.target_mailbox, JSON.parse(r.data)])).toEqual(
      rows.map((r) => [r.actorName ?? "", r.actorUserAgent ?? "", "shared-sales@contoso.example", r.data]),
    );
    expect(records.some((r) => r.actor_name === zoe.name && r.data.includes("\\r\\n"))).toBe(true);
    // What was appended meanwhile is in the database, not in this export.
    const now = (await queryHistory(getDb(), query, { limit: 10_000 })).rows;
    expect(now.length).toBe(rows.length + appended);
    expect(records.every((r) => BigInt(r.seq) <= head.seq)).toBe(true);
  });

  it("JSON Lines: the same rows, values as stored, and the same head", async () => {
    const { text, head, rows, appended } = await exportWhileAppending("jsonl");
    expect(appended).toBeGreaterThan(0);
    const [header, ...lines] = text.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(header).toEqual({ export: { exportedAt: expect.any(String), chainHead: { seq: head.seq.toString(), hash: head.hash }, query: { mailbox: "shared-sales@contoso.example", sort: "time", dir: "asc" } } });
    expect(lines).toEqual(rows.map((r) => ({ ...r, seq: r.seq.toString(), at: r.at.toISOString() })));
    expect(lines.map((l) => l.targetMailbox)).toEqual(rows.map(() => "shared-sales@contoso.example"));
  });

  it("verifies against the chain in both formats", async () => {
    for (const format of ["csv", "jsonl"] as const) {
      const { file, rows, head } = exported[format]!;
      expect(await verifyExportFile(getDb(), file)).toEqual({ ok: true, rows: rows.length, head: head.hash });
    }
  });

  it.each(["csv", "jsonl"] as const)("%s: an edited field, an edited hash, or an edit with a recomputed hash each fail, naming the row", async (format) => {
    const { file, text, rows } = exported[format]!;
    const k = rows.findIndex((r) => r.actorName === zoe.name && r.type === "request.submitted" && r !== rows[0]);
    const row = rows[k]!;
    const marker = (row.data as { parameters: { marker: string } }).parameters.marker;
    const fake = row.hash.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    const edited = path.join(dir, `edited.${format}`);
    const check = async (content: string) => {
      writeFileSync(edited, content, "utf8");
      return await verifyExportFile(getDb(), edited);
    };
    const named = `row seq ${row.seq} (id ${row.id})`;
    const editedMessage = { ok: false, rows: k, problem: `${named} was edited after export: its content does not match its hash` };

    // One field of one row (the actor's name, the data), then its hash, then both, consistently.
    if (format === "jsonl") {
      const lines = text.split("\n");
      const at = k + 1;
      const edit = (change: (o: Record<string, unknown>) => void) => {
        const copy = [...lines];
        const o = JSON.parse(copy[at]!) as Record<string, unknown>;
        change(o);
        copy[at] = JSON.stringify(o);
        return copy.join("\n");
      };
      expect(await check(edit((o) => (o.actorName = "Zoe O'Brien")))).toEqual(editedMessage);
      expect(await check(edit((o) => ((o.data as { parameters: { marker: string } }).parameters.marker = "m-999")))).toEqual(editedMessage);
      expect(await check(edit((o) => (o.hash = fake)))).toEqual(editedMessage);
      const forged = edit((o) => {
        o.actorName = "Someone Else";
        o.hash = hashAuditRow({ ...(o as unknown as THistoryRow), at: row.at });
      });
      expect(await check(forged)).toEqual({ ok: false, rows: k, problem: `${named} is not in this database's chain` });
    } else {
      expect(text.split(marker).length).toBe(3); // the message and the marker field of one row
      expect(await check(text.replaceAll(marker, "m-999"))).toEqual(editedMessage);
      expect(await check(text.replace(`${row.hash}\r\n`, `${fake}\r\n`))).toEqual(editedMessage);
      const rowStart = text.indexOf(`\r\n${row.seq},${row.id},`) + 2;
      const withName = text.slice(0, rowStart) + text.slice(rowStart).replace("Zoë", "Zoe");
      expect(await check(withName)).toEqual(editedMessage);
    }
    // The file itself, untouched, still verifies.
    expect((await verifyExportFile(getDb(), file)).ok).toBe(true);
  });

  it("names a row removed, repeated or moved in the file, though every row left is genuine", async () => {
    const { file } = exported.jsonl!;
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    const [header, ...rows] = lines;
    const seqOf = (line: string) => (JSON.parse(line) as { seq: string }).seq;
    const check = async (body: string[]) => {
      const edited = path.join(dir, "reshaped.jsonl");
      writeFileSync(edited, `${[header, ...body].join("\n")}\n`, "utf8");
      return await verifyExportFile(getDb(), edited);
    };
    const removedMiddle = await check([...rows.slice(0, 2), ...rows.slice(3)]);
    expect(removedMiddle).toMatchObject({ ok: false, rows: 2, problem: expect.stringContaining(`row seq ${seqOf(rows[3]!)}`) });
    expect(removedMiddle).toMatchObject({ problem: expect.stringContaining("removed, added or moved") });
    expect(await check(rows.slice(0, -1))).toMatchObject({ ok: false, problem: expect.stringContaining(`ends before seq ${seqOf(rows.at(-1)!)}`) });
    expect(await check([rows[0]!, rows[0]!, ...rows.slice(1)])).toMatchObject({ ok: false, rows: 1, problem: expect.stringContaining("removed, added or moved") });
    expect(await check([rows[1]!, rows[0]!, ...rows.slice(2)])).toMatchObject({ ok: false, rows: 0, problem: expect.stringContaining("removed, added or moved") });
  });

  it("does not verify against a different database", async () => {
    const other = await createTestDb();
    try {
      const { file, head } = exported.csv!;
      // Enough events that the export's head seq exists there too, with another hash.
      for (let n = 0; BigInt(n) <= head.seq; n++) await write(other.db, submitted(n), zoe, MAILBOX);
      for (const f of [file, exported.jsonl!.file]) {
        const report = await verifyExportFile(other.db, f);
        expect(report).toMatchObject({ ok: false, rows: 0, problem: expect.stringMatching(/^the export's chain head \(seq \d+\) is not in this database's chain$/) });
      }
    } finally {
      await other.close();
    }
  });

  // A browser that sends an empty User-Agent header gives an actor snapshot with userAgent ""
  // (lib/auth/actor.ts keeps ""), which is hashed as "".
  const kiosk: TActorSnapshot = { ...lee, upn: "kiosk@contoso.example", ip: "", userAgent: "" };
  const kioskQuery = ZHistoryQuery.parse({ mailbox: "kiosk@contoso.example" });
  it("JSON Lines: an actor with an empty user agent exports and verifies", async () => {
    await write(getDb(), { type: "session.signed-in", data: {} }, kiosk, "kiosk@contoso.example");
    const file = path.join(dir, "kiosk.jsonl");
    await saveExport(getDb(), kioskQuery, "jsonl", file);
    expect(await verifyExportFile(getDb(), file)).toMatchObject({ ok: true, rows: 1 });
  });

  // CSV keeps "" (a quoted empty field) apart from null (an unquoted one).
  it("CSV: an actor with an empty user agent exports and verifies (empty stays apart from null)", async () => {
    const file = path.join(dir, "kiosk.csv");
    await saveExport(getDb(), kioskQuery, "csv", file);
    expect(await verifyExportFile(getDb(), file)).toMatchObject({ ok: true, rows: 1 });
  });

  it("npm run audit:verify -- --export: exit 0 with the row count, exit 1 naming the edited row", async () => {
    const target = describeDatabase();
    const { file, rows, head } = exported.csv!;
    const row = rows[3]!;
    const tampered = path.join(dir, "tampered.csv");
    writeFileSync(tampered, readFileSync(file, "utf8").replace(`${row.hash}\r\n`, `${"f".repeat(64)}\r\n`), "utf8");
    const good = await runAuditVerifyCli(["--export", file]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain(`Export verified: ${rows.length} rows match the chain in ${target}; export head ${head.hash}.`);
    const bad = await runAuditVerifyCli(["--export", tampered]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`Export does NOT verify: row seq ${row.seq} (id ${row.id}) was edited after export: its content does not match its hash. 3 rows before it matched.`);
  }, 120_000);
});
