-- AlterTable
ALTER TABLE "Bulk" ADD COLUMN     "requesterActor" JSONB NOT NULL;
