-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "startsAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "calendar" JSONB;
