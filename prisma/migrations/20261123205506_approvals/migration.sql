-- CreateEnum
CREATE TYPE "ProtectionKind" AS ENUM ('MAILBOX', 'DEPARTMENT');

-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "decidedAt" TIMESTAMP(3),
ADD COLUMN     "deciderName" TEXT,
ADD COLUMN     "deciderOid" TEXT,
ADD COLUMN     "deciderUpn" TEXT,
ADD COLUMN     "decisionComment" TEXT,
ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "reason" TEXT;

-- CreateTable
CREATE TABLE "ApprovalPolicy" (
    "actionId" TEXT NOT NULL,
    "requiresApproval" BOOLEAN NOT NULL,
    "pendingHours" INTEGER NOT NULL DEFAULT 72,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedByUpn" TEXT NOT NULL,

    CONSTRAINT "ApprovalPolicy_pkey" PRIMARY KEY ("actionId")
);

-- CreateTable
CREATE TABLE "ProtectedTarget" (
    "id" UUID NOT NULL,
    "kind" "ProtectionKind" NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdByUpn" TEXT NOT NULL,

    CONSTRAINT "ProtectedTarget_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProtectedTarget_kind_value_key" ON "ProtectedTarget"("kind", "value");
