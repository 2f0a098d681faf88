-- CreateEnum
CREATE TYPE "ConversationStatus" AS ENUM ('PLANNED', 'HELD');

-- AlterTable
ALTER TABLE "PlanItem" ADD COLUMN     "conversationId" TEXT;

-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "guideId" TEXT NOT NULL,
    "guideHash" TEXT NOT NULL,
    "guide" JSONB NOT NULL,
    "status" "ConversationStatus" NOT NULL DEFAULT 'PLANNED',
    "plannedFor" DATE,
    "startedById" TEXT NOT NULL,
    "heldAt" TIMESTAMP(3),
    "reaction" TEXT,
    "reactedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationNote" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversationNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationTopic" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConversationTopic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationPreparation" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversationPreparation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Conversation_organizationId_caseId_idx" ON "Conversation"("organizationId", "caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_organizationId_id_key" ON "Conversation"("organizationId", "id");

-- CreateIndex
CREATE INDEX "ConversationNote_organizationId_conversationId_idx" ON "ConversationNote"("organizationId", "conversationId");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationNote_conversationId_stepId_key" ON "ConversationNote"("conversationId", "stepId");

-- CreateIndex
CREATE INDEX "ConversationTopic_organizationId_conversationId_idx" ON "ConversationTopic"("organizationId", "conversationId");

-- CreateIndex
CREATE INDEX "ConversationPreparation_organizationId_conversationId_idx" ON "ConversationPreparation"("organizationId", "conversationId");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationPreparation_conversationId_employeeId_key" ON "ConversationPreparation"("conversationId", "employeeId");

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_organizationId_caseId_fkey" FOREIGN KEY ("organizationId", "caseId") REFERENCES "Case"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationNote" ADD CONSTRAINT "ConversationNote_organizationId_conversationId_fkey" FOREIGN KEY ("organizationId", "conversationId") REFERENCES "Conversation"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationTopic" ADD CONSTRAINT "ConversationTopic_organizationId_conversationId_fkey" FOREIGN KEY ("organizationId", "conversationId") REFERENCES "Conversation"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationPreparation" ADD CONSTRAINT "ConversationPreparation_organizationId_conversationId_fkey" FOREIGN KEY ("organizationId", "conversationId") REFERENCES "Conversation"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
