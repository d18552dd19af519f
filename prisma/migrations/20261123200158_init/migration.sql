-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('PENDING_APPROVAL', 'APPROVED', 'EXECUTING', 'SUCCEEDED', 'FAILED', 'OUTCOME_UNKNOWN', 'REJECTED', 'CANCELLED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "Verification" AS ENUM ('VERIFIED', 'DRIFTED');

-- CreateTable
CREATE TABLE "Request" (
    "id" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "tenantId" TEXT NOT NULL,
    "requesterOid" TEXT NOT NULL,
    "requesterUpn" TEXT NOT NULL,
    "requesterName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetMailbox" TEXT NOT NULL,
    "targetDisplayName" TEXT,
    "parameters" JSONB NOT NULL,
    "status" "RequestStatus" NOT NULL,
    "executorOid" TEXT,
    "executorUpn" TEXT,
    "clientRequestId" UUID,
    "before" JSONB,
    "after" JSONB,
    "verification" "Verification",
    "warnings" TEXT[],
    "errorKind" TEXT,
    "errorMessage" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "actorOid" TEXT,
    "actorUpn" TEXT,
    "actorName" TEXT,
    "actorRoles" TEXT[],
    "actorIp" TEXT,
    "actorUserAgent" TEXT,
    "requestId" UUID,
    "targetMailbox" TEXT,
    "data" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "TokenCache" (
    "key" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TokenCache_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "Request_requesterOid_createdAt_idx" ON "Request"("requesterOid", "createdAt");

-- CreateIndex
CREATE INDEX "Request_status_idx" ON "Request"("status");

-- CreateIndex
CREATE INDEX "Request_targetMailbox_createdAt_idx" ON "Request"("targetMailbox", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_id_key" ON "AuditEvent"("id");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_requestId_idx" ON "AuditEvent"("requestId");

-- CreateIndex
CREATE INDEX "AuditEvent_targetMailbox_at_idx" ON "AuditEvent"("targetMailbox", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorOid_at_idx" ON "AuditEvent"("actorOid", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_type_at_idx" ON "AuditEvent"("type", "at");
