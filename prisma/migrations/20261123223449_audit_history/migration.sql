-- DropIndex
DROP INDEX "AuditEvent_actorOid_at_idx";

-- DropIndex
DROP INDEX "AuditEvent_targetMailbox_at_idx";

-- DropIndex
DROP INDEX "AuditEvent_type_at_idx";

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "action" TEXT,
ADD COLUMN     "status" TEXT;

-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "revertOfId" UUID;

-- CreateIndex
CREATE INDEX "AuditEvent_targetMailbox_seq_idx" ON "AuditEvent"("targetMailbox", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_actorUpn_seq_idx" ON "AuditEvent"("actorUpn", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_action_seq_idx" ON "AuditEvent"("action", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_status_seq_idx" ON "AuditEvent"("status", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_type_seq_idx" ON "AuditEvent"("type", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "Request_revertOfId_idx" ON "Request"("revertOfId");
