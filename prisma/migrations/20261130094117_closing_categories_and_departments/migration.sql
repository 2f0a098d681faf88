-- CreateEnum
CREATE TYPE "ClosingCategory" AS ENUM ('RETURNED_OWN_WORK', 'RETURNED_OTHER_WORK', 'LEFT_ORGANIZATION', 'NOT_ABLE_TO_RETURN', 'OTHER');

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "closedCategory" "ClosingCategory",
ADD COLUMN     "department" TEXT;

-- CreateIndex
CREATE INDEX "Case_organizationId_createdAt_idx" ON "Case"("organizationId", "createdAt");

-- Cases closed before closing had categories: their free text stays as the note,
-- and their category is "other" (nobody chose one).
UPDATE "Case" SET "closedCategory" = 'OTHER' WHERE "status" = 'CLOSED';
