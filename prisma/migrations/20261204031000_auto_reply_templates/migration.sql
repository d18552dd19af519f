-- CreateTable
CREATE TABLE "AutoReplyTemplate" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "internalMessage" TEXT NOT NULL,
    "externalMessage" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedByUpn" TEXT NOT NULL,

    CONSTRAINT "AutoReplyTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AutoReplyTemplate_name_key" ON "AutoReplyTemplate"("name");
