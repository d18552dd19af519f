-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "trusteeDisplayName" TEXT;
