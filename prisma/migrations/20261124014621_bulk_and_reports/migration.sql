-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('BUILDING', 'READY', 'FAILED');

-- AlterEnum
ALTER TYPE "RequestStatus" ADD VALUE 'QUEUED';

-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "bulkId" UUID;

-- CreateTable
CREATE TABLE "Bulk" (
    "id" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tenantId" TEXT NOT NULL,
    "requesterOid" TEXT NOT NULL,
    "requesterUpn" TEXT NOT NULL,
    "requesterName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "parameters" JSONB NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "runnerLeaseUntil" TIMESTAMP(3),
    "pausedReason" TEXT,

    CONSTRAINT "Bulk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailboxReport" (
    "id" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tenantId" TEXT NOT NULL,
    "requesterOid" TEXT NOT NULL,
    "requesterUpn" TEXT NOT NULL,
    "requesterName" TEXT NOT NULL,
    "status" "ReportStatus" NOT NULL,
    "total" INTEGER,
    "generatedAt" TIMESTAMP(3),
    "error" TEXT,
    "builderLeaseUntil" TIMESTAMP(3),

    CONSTRAINT "MailboxReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailboxReportRow" (
    "reportId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "department" TEXT,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "error" TEXT,
    "autoReplyState" TEXT,
    "startTime" TIMESTAMP(3),
    "endTime" TIMESTAMP(3),
    "externalAudience" TEXT,
    "fullAccess" TEXT[],
    "sendAs" TEXT[],
    "sendOnBehalf" TEXT[],
    "calendar" TEXT[],

    CONSTRAINT "MailboxReportRow_pkey" PRIMARY KEY ("reportId","address")
);

-- CreateIndex
CREATE INDEX "Bulk_requesterOid_createdAt_idx" ON "Bulk"("requesterOid", "createdAt");

-- CreateIndex
CREATE INDEX "MailboxReport_requesterOid_createdAt_idx" ON "MailboxReport"("requesterOid", "createdAt");

-- CreateIndex
CREATE INDEX "MailboxReportRow_reportId_state_idx" ON "MailboxReportRow"("reportId", "state");

-- CreateIndex
CREATE INDEX "Request_bulkId_targetMailbox_idx" ON "Request"("bulkId", "targetMailbox");
