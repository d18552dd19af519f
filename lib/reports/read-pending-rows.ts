import type { TExchange } from "@/lib/exchange/create-exchange";
import { ExchangeError } from "@/lib/exchange/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { runPool } from "@/lib/jobs/run-pool";
import { readReportRow } from "./read-report-row";
import type { TTenantDelegates } from "./read-tenant-delegates";

// Errors that say nothing about one mailbox but about the whole run: the token is no longer
// accepted, or Exchange asks us to slow down beyond what the client's retries absorbed. They
// stop the batch (the build pauses and resumes); any other Exchange error is that mailbox's
// answer and is kept on its row.
const STOPS_THE_RUN: ReadonlySet<ExchangeError["kind"]> = new Set(["unauthorized", "throttled"]);

export type TReadBatch = {
  db: PrismaClient;
  reportId: string;
  addresses: readonly string[];
  ex: TExchange;
  tenant: TTenantDelegates;
  concurrency: number;
  signal: AbortSignal;
};

// Phase 2, one batch: up to `concurrency` mailboxes at a time, each written as soon as it is
// read (so an interruption loses at most the mailboxes in flight). Only a PENDING row is
// written: a row another builder finished first keeps that answer. Once the signal aborts or
// a run-stopping error occurs, no new mailbox is started; those in flight finish first.
export async function readPendingRows(batch: TReadBatch): Promise<void> {
  const { db, reportId, addresses, ex, tenant, signal } = batch;
  const readOne = async (address: string) => {
    const where = { reportId, address, state: "PENDING" };
    try {
      const data = await readReportRow(ex, address, tenant);
      await db.mailboxReportRow.updateMany({ where, data: { ...data, state: "READ", error: null } });
    } catch (e) {
      if (!(e instanceof ExchangeError) || STOPS_THE_RUN.has(e.kind)) throw e;
      await db.mailboxReportRow.updateMany({ where, data: { state: "FAILED", error: e.message.slice(0, 2_000) } });
    }
  };
  await runPool(addresses, readOne, { concurrency: batch.concurrency, stopped: () => signal.aborted });
}
