-- CreateTable
CREATE TABLE "Session" (
    "idHash" TEXT NOT NULL,
    "oid" TEXT NOT NULL,
    "tid" TEXT NOT NULL,
    "upn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("idHash")
);

-- CreateIndex
CREATE INDEX "Session_oid_tid_idx" ON "Session"("oid", "tid");

-- CreateIndex
CREATE INDEX "Session_lastSeenAt_idx" ON "Session"("lastSeenAt");
