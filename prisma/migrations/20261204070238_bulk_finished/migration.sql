-- AlterTable
ALTER TABLE "Bulk" ADD COLUMN     "finishedAt" TIMESTAMP(3);
