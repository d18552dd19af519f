// Seeds the configured database (DATABASE_URL, or the embedded one in EXODESK_DATA_DIR) with a realistic audit
// history that continues the existing hash chain, so `npm run audit:verify` still passes.
//   npx tsx scripts/seed-audit-events.ts --events 1000000 [--batch 5000] [--days 365] [--seed 1] [--verify]
// Rows are built and hashed by writeAudit's toAuditRow, then inserted a batch at a time with one
// unnest() INSERT per batch (one array parameter per column, however many rows), under the chain lock.
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { CHAIN_LOCK_KEY, GENESIS_HASH, toPgTexts, UNNEST_INSERT_SQL } from "../lib/audit/audit-row";
import { ZAuditEvent, type TActorSnapshot, type TAuditEvent } from "../lib/audit/events";
import { verifyAuditChain } from "../lib/audit/verify-chain";
import { toAuditRow, type TAuditSubject } from "../lib/audit/write-audit";
import { listCatalogue } from "../lib/cmdlets/catalogue";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { mulberry32 } from "../tests/support/seeded-random";

const DAY_MS = 86_400_000;

export type TSeedOptions = {
  events: number;
  batchSize?: number;
  /** How many days of history, ending now (or starting after the chain head if it is newer). */
  days?: number;
  /** Seeds the choice of mailboxes, actors and outcomes (ids are always random). */
  seed?: number;
  onProgress?: (done: number, total: number, elapsedMs: number) => void;
};

export type TSeedResult = { inserted: number; elapsedMs: number; totalEvents: number; firstSeq: bigint | null; lastSeq: bigint | null };

type TSeedEvent = { id: string; at: Date; event: TAuditEvent; actor: TActorSnapshot | null; subject: TAuditSubject };
type TOpenRequest = { id: string; action: string; mailbox: string; requester: TActorSnapshot; pending: boolean; clientRequestId: string };

const FIRST = ["Anna", "Ben", "Chloé", "David", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Karin", "Lukas", "Maya", "Noah", "Olga", "Paul", "Rosa", "Sven", "Tara", "Yusuf"];
const LAST = ["Meyer", "Schmidt", "Dubois", "Rossi", "Novak", "García", "Jensen", "Kowalski", "Okafor", "Silva"];
const SHARED = ["sales", "support", "hr", "finance", "legal", "it", "reception", "marketing", "payroll", "projects"];
const AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36 Edg/142.0",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:144.0) Gecko/20100101 Firefox/144.0",
];

// Mixed-case addresses on purpose: the seed normalises them exactly as writeAudit does.
function makeMailboxes(): string[] {
  const list: string[] = [];
  for (let i = 0; list.length < 2000; i++) {
    const shared = i % 10 === 0;
    const name = shared ? `${SHARED[(i / 10) % SHARED.length]}.${Math.floor(i / 100) + 1}` : `${FIRST[i % FIRST.length]}.${LAST[Math.floor(i / FIRST.length) % LAST.length]}${Math.floor(i / 200) || ""}`;
    list.push(`${name}@Contoso.onmicrosoft.com`);
  }
  return list;
}

function makeActors(): TActorSnapshot[] {
  const roleSets = [["ExoDesk.Helpdesk"], ["ExoDesk.Helpdesk"], ["ExoDesk.Helpdesk", "ExoDesk.Approver"], ["ExoDesk.Approver"], ["ExoDesk.Auditor"], ["ExoDesk.Admin"]];
  return Array.from({ length: 50 }, (_, i) => {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    return {
      oid: `00000000-0000-4000-8000-${(i + 1).toString(16).padStart(12, "0")}`,
      upn: `${first}.${last}${i}@Contoso.onmicrosoft.com`,
      name: `${first} ${last}`,
      roles: roleSets[i % roleSets.length]!,
      ip: i % 9 === 0 ? null : `10.20.${i}.${(i * 37) % 250}`,
      userAgent: i % 9 === 0 ? null : AGENTS[i % AGENTS.length]!,
    };
  });
}

// An endless, plausible stream of events: sessions, refused pages, and requests that are
// submitted, decided and executed over time (their events interleave with others').
function* generateEvents(rand: () => number): Generator<Omit<TSeedEvent, "id" | "at">> {
  const mailboxes = makeMailboxes();
  const actors = makeActors();
  const actions = listCatalogue().map((a) => a.id);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  // A fifth of the traffic goes to 20 busy mailboxes; the rest spreads over all 2,000.
  const pickMailbox = () => (rand() < 0.2 ? mailboxes[Math.floor(rand() * 20) * 10]! : pick(mailboxes));
  const submitters = actors.filter((a) => a.roles.includes("ExoDesk.Helpdesk") || a.roles.includes("ExoDesk.Approver"));
  const approvers = actors.filter((a) => a.roles.includes("ExoDesk.Approver"));
  const people = mailboxes.filter((_, i) => i % 10 !== 0).slice(0, 200);
  const open: TOpenRequest[] = [];
  const subjectOf = (r: TOpenRequest, status: string): TAuditSubject => ({ requestId: r.id, targetMailbox: r.mailbox, action: r.action, status });

  for (;;) {
    const roll = rand();
    if (roll < 0.1) yield { event: { type: "session.signed-in", data: {} }, actor: pick(actors), subject: {} };
    else if (roll < 0.13) yield { event: { type: "session.signed-out", data: {} }, actor: pick(actors), subject: {} };
    else if (roll < 0.145) {
      const path = `/mailboxes/${encodeURIComponent(pickMailbox())}/access`;
      yield { event: { type: "access.denied", data: { permission: pick(["mailbox.read", "request.approve", "policy.edit", "audit.read"]), path } }, actor: pick(actors), subject: {} };
    } else if (roll < 0.1455) {
      yield { event: { type: "policy.changed", data: { subject: `action:${pick(actions)}`, before: { requiresApproval: false }, after: { requiresApproval: true, pendingHours: 72 } } }, actor: actors[5]!, subject: {} };
    } else if (open.length < 50 || (open.length < 2000 && rand() < 0.4)) {
      const action = pick(actions);
      const mailbox = pickMailbox();
      const requester = pick(submitters);
      const pending = rand() < 0.4;
      const r: TOpenRequest = { id: randomUUID(), action, mailbox, requester, pending, clientRequestId: randomUUID() };
      const trustee = pick(people);
      const parameters = action === "auto-reply.set"
        ? { identity: mailbox, autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>I am out of the office until Monday.</p>", externalMessage: "", externalAudience: "None" }
        : { identity: mailbox, trustee, ...(action === "full-access.grant" ? { autoMapping: rand() < 0.7 } : {}), ...(action === "calendar.set" ? { accessRights: "Editor", delegate: false, canViewPrivateItems: false, sendNotificationToUser: true } : {}) };
      const expiresAt = pending ? "set from the event time" : null;
      const reason = pending ? "Covering for a colleague on leave (ticket INC-" + Math.floor(rand() * 90000 + 10000) + ")." : null;
      yield { event: { type: "request.submitted", data: { action, parameters, needsApproval: pending, reason, expiresAt } }, actor: requester, subject: subjectOf(r, pending ? "PENDING_APPROVAL" : "EXECUTING") };
      if (!pending) yield { event: { type: "execution.started", data: { action, clientRequestId: r.clientRequestId } }, actor: requester, subject: subjectOf(r, "EXECUTING") };
      open.push(r);
    } else {
      const i = Math.floor(rand() * open.length);
      const r = open[i]!;
      open[i] = open[open.length - 1]!;
      open.pop();
      if (r.pending) {
        const decision = rand();
        const approver = pick(approvers);
        if (decision < 0.75) {
          yield { event: { type: "request.approved", data: { comment: rand() < 0.3 ? "Approved per manager's email." : null } }, actor: approver, subject: subjectOf(r, "APPROVED") };
          yield { event: { type: "execution.started", data: { action: r.action, clientRequestId: r.clientRequestId } }, actor: approver, subject: subjectOf(r, "EXECUTING") };
          open.push({ ...r, pending: false, requester: approver });
        } else if (decision < 0.87) yield { event: { type: "request.rejected", data: { reason: "No business justification given." } }, actor: approver, subject: subjectOf(r, "REJECTED") };
        else if (decision < 0.95) yield { event: { type: "request.cancelled", data: {} }, actor: r.requester, subject: subjectOf(r, "CANCELLED") };
        else yield { event: { type: "request.expired", data: { expiresAt: new Date().toISOString() } }, actor: null, subject: subjectOf(r, "EXPIRED") };
      } else {
        const outcome = rand();
        const status = outcome < 0.86 ? "SUCCEEDED" : outcome < 0.96 ? "FAILED" : "OUTCOME_UNKNOWN";
        const failed = status !== "SUCCEEDED";
        yield {
          event: {
            type: "execution.finished",
            data: {
              status,
              verification: status === "SUCCEEDED" ? (rand() < 0.98 ? "VERIFIED" : "DRIFTED") : null,
              clientRequestId: r.clientRequestId,
              before: { applied: false },
              after: failed ? null : { applied: true },
              warnings: rand() < 0.05 ? ["The change can take up to 60 minutes to reach Outlook."] : [],
              error: failed ? { kind: status === "FAILED" ? "permission_denied" : "timeout", message: status === "FAILED" ? "The operation couldn't be performed because the user isn't authorized." : "Exchange did not answer in 30 s.", ...(status === "FAILED" ? { status: 403 } : {}) } : null,
            },
          },
          actor: r.requester,
          subject: subjectOf(r, status),
        };
      }
    }
  }
}

type TChainHead = { seq: bigint; hash: string; at: Date };

// Appends one batch after the current head, under the chain lock; returns the new head.
async function appendBatch(db: PrismaClient, batch: TSeedEvent[]): Promise<TChainHead> {
  return db.$transaction(
    async (tx) => {
      // The same key writeAudit takes, so a portal writing at the same time waits for each batch.
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY}::bigint)`);
      const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
      // Reserve the batch's seq values in one step (nothing else appends while we hold the lock).
      const [reserved] = await tx.$queryRawUnsafe<{ last: bigint }[]>(
        `SELECT setval(pg_get_serial_sequence('"AuditEvent"', 'seq'), nextval(pg_get_serial_sequence('"AuditEvent"', 'seq')) + ${batch.length - 1}) AS last`,
      );
      let seq = BigInt(reserved!.last) - BigInt(batch.length - 1);
      let prev = last?.hash ?? GENESIS_HASH;
      const arrays: (string | null)[][] = [];
      batch.forEach((e, i) => {
        const row = toAuditRow({ id: e.id, at: e.at, type: e.event.type, actor: e.actor, subject: e.subject, data: e.event.data, prevHash: prev });
        toPgTexts({ ...row, seq: seq++ }).forEach((v, c) => ((arrays[c] ??= new Array<string | null>(batch.length))[i] = v));
        prev = row.hash;
      });
      await tx.$executeRawUnsafe(UNNEST_INSERT_SQL, ...arrays);
      return { seq: seq - 1n, hash: prev, at: batch[batch.length - 1]!.at };
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}

export async function seedAuditEvents(db: PrismaClient, options: TSeedOptions): Promise<TSeedResult> {
  const batchSize = options.batchSize ?? 5000;
  const rand = mulberry32(options.seed ?? 1);
  const head = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, at: true } });
  const end = Date.now();
  let start = end - (options.days ?? 365) * DAY_MS;
  // Never before the chain's current head: time and seq grow together, as writeAudit keeps them.
  if (head && head.at.getTime() >= start) start = head.at.getTime() + 1;
  const spanMs = Math.max(end - start, options.events); // at least 1 ms per event
  const step = spanMs / options.events;
  const source = generateEvents(rand);
  const began = performance.now();
  let firstSeq: bigint | null = null;
  let lastSeq: bigint | null = null;
  for (let done = 0; done < options.events; ) {
    const batch: TSeedEvent[] = [];
    for (; batch.length < batchSize && done + batch.length < options.events; ) {
      const n = done + batch.length;
      const { event, actor, subject } = source.next().value!;
      const at = new Date(Math.floor(start + (n + rand() * 0.9) * step));
      // Deadlines follow the event's own time, not the time of seeding.
      if (event.type === "request.submitted" && event.data.expiresAt) event.data.expiresAt = new Date(at.getTime() + 3 * DAY_MS).toISOString();
      if (event.type === "request.expired") event.data.expiresAt = at.toISOString();
      ZAuditEvent.parse(event); // the data a reader will validate
      batch.push({ id: randomUUID(), at, event, actor, subject });
    }
    const newHead = await appendBatch(db, batch);
    firstSeq ??= newHead.seq - BigInt(batch.length - 1);
    lastSeq = newHead.seq;
    done += batch.length;
    options.onProgress?.(done, options.events, performance.now() - began);
  }
  const totalEvents = await db.auditEvent.count();
  return { inserted: options.events, elapsedMs: performance.now() - began, totalEvents, firstSeq, lastSeq };
}

function readFlag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const { closeDb, describeDatabase, getDb } = await import("../lib/db/client");
  const { useConfiguredDatabase } = await import("./db/embedded-postgres");
  const args = process.argv.slice(2);
  const events = Number(readFlag(args, "events") ?? 100_000);
  if (!Number.isInteger(events) || events <= 0) throw new Error("--events must be a positive whole number, e.g. --events 1000000");
  const database = await useConfiguredDatabase();
  try {
    const db = getDb();
    console.log(`Seeding ${events.toLocaleString("en")} audit events into ${describeDatabase()} …`);
    let lastLog = 0;
    const result = await seedAuditEvents(db, {
      events,
      batchSize: Number(readFlag(args, "batch") ?? 5000),
      days: Number(readFlag(args, "days") ?? 365),
      seed: Number(readFlag(args, "seed") ?? 1),
      onProgress: (done, total, ms) => {
        if (done - lastLog < 50_000 && done !== total) return;
        lastLog = done;
        console.log(`  ${done.toLocaleString("en")} / ${total.toLocaleString("en")}  (${Math.round(done / (ms / 1000)).toLocaleString("en")} events/s, ${(ms / 1000).toFixed(1)} s)`);
      },
    });
    console.log(`Seeded ${result.inserted.toLocaleString("en")} events (seq ${result.firstSeq}–${result.lastSeq}) in ${(result.elapsedMs / 1000).toFixed(1)} s; the table now holds ${result.totalEvents.toLocaleString("en")} events.`);
    if (args.includes("--verify")) {
      const report = await verifyAuditChain(db);
      console.log(report.ok ? `Audit chain intact: ${report.events} events; head ${report.head}.` : `Audit chain BROKEN at #${report.broken.seq}: ${report.broken.reason}`);
      if (!report.ok) process.exitCode = 1;
    }
  } finally {
    await closeDb();
    await database.release();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  });
}
