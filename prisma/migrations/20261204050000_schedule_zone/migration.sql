-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "scheduleZone" TEXT;
