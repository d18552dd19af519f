-- CreateEnum
CREATE TYPE "DeliveryChannel" AS ENUM ('EMAIL', 'WEBHOOK');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "ApprovalPolicy" ADD COLUMN     "notifyAddress" TEXT;

-- CreateTable
CREATE TABLE "Person" (
    "oid" TEXT NOT NULL,
    "tid" TEXT NOT NULL,
    "upn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "roles" TEXT[],
    "lastSignInAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("oid","tid")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tid" TEXT NOT NULL,
    "recipientOid" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "requestId" UUID,
    "link" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationDelivery" (
    "id" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "event" TEXT NOT NULL,
    "channel" "DeliveryChannel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "NotificationDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationSwitch" (
    "event" TEXT NOT NULL,
    "email" BOOLEAN NOT NULL,
    "webhook" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedByUpn" TEXT NOT NULL,

    CONSTRAINT "NotificationSwitch_pkey" PRIMARY KEY ("event")
);

-- CreateIndex
CREATE INDEX "Notification_recipientOid_tid_createdAt_idx" ON "Notification"("recipientOid", "tid", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_recipientOid_tid_requestId_idx" ON "Notification"("recipientOid", "tid", "requestId");

-- CreateIndex
CREATE INDEX "NotificationDelivery_status_nextAttemptAt_idx" ON "NotificationDelivery"("status", "nextAttemptAt");
