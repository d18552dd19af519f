-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "coverId" UUID;

-- CreateTable
CREATE TABLE "AbsenceCover" (
    "id" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tenantId" TEXT NOT NULL,
    "requesterOid" TEXT NOT NULL,
    "requesterUpn" TEXT NOT NULL,
    "requesterName" TEXT NOT NULL,
    "mailbox" TEXT NOT NULL,
    "mailboxName" TEXT,
    "colleague" TEXT NOT NULL,
    "colleagueName" TEXT,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "scheduleZone" TEXT NOT NULL,
    "calendarRole" TEXT,

    CONSTRAINT "AbsenceCover_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AbsenceCover_requesterOid_createdAt_idx" ON "AbsenceCover"("requesterOid", "createdAt");

-- CreateIndex
CREATE INDEX "AbsenceCover_mailbox_createdAt_idx" ON "AbsenceCover"("mailbox", "createdAt");

-- CreateIndex
CREATE INDEX "Request_coverId_idx" ON "Request"("coverId");
