-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "redactedAt" TIMESTAMP(3);

-- The trail stays append-only, with one exception the privacy rules need: an
-- event may be reduced once to a hash-only stub. Everything that chains it
-- (chain, seq, prevHash, hash) and when and what happened stays; who, about
-- whom, the details and the client are emptied. Deleting stays refused.
CREATE OR REPLACE FUNCTION "audit_event_is_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD."redactedAt" IS NULL
     AND NEW."redactedAt" IS NOT NULL
     AND NEW."id" = OLD."id"
     AND NEW."chain" = OLD."chain"
     AND NEW."seq" = OLD."seq"
     AND NEW."action" = OLD."action"
     AND NEW."at" = OLD."at"
     AND NEW."prevHash" = OLD."prevHash"
     AND NEW."hash" = OLD."hash"
     AND NEW."organizationId" IS NOT DISTINCT FROM OLD."organizationId"
     AND NEW."actorId" IS NULL
     AND NEW."targetType" IS NULL
     AND NEW."targetId" IS NULL
     AND NEW."data" IS NULL
     AND NEW."ipAddress" IS NULL
     AND NEW."userAgent" IS NULL THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'AuditEvent is append-only';
END;
$$ LANGUAGE plpgsql;
