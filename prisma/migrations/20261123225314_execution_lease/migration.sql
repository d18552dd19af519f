-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "leaseUntil" TIMESTAMP(3);
