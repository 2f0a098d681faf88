-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "deletionDueAt" TIMESTAMP(3),
ADD COLUMN     "deletionRequestedAt" TIMESTAMP(3),
ADD COLUMN     "lastExportAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Organization_deletionDueAt_idx" ON "Organization"("deletionDueAt");
