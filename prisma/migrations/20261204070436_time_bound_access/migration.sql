-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "RequestStatus" ADD VALUE 'SCHEDULED';
ALTER TYPE "RequestStatus" ADD VALUE 'NEEDS_SOMEONE';

-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "dueAt" TIMESTAMP(3),
ADD COLUMN     "removalOfId" UUID,
ADD COLUMN     "until" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Request_removalOfId_idx" ON "Request"("removalOfId");

-- CreateIndex
CREATE INDEX "Request_status_dueAt_idx" ON "Request"("status", "dueAt");
