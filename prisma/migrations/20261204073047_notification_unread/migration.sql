-- CreateIndex
CREATE INDEX "Notification_recipientOid_tid_readAt_idx" ON "Notification"("recipientOid", "tid", "readAt");
