-- The case list pages through an organisation's cases one status at a time,
-- newest change first (keyset pagination), and reads the open invitations of
-- a page of cases at once: both through an index, however many cases there are.

-- CreateIndex
CREATE INDEX "Case_organizationId_status_updatedAt_id_idx" ON "Case"("organizationId", "status", "updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Invitation_organizationId_caseId_idx" ON "Invitation"("organizationId", "caseId");

