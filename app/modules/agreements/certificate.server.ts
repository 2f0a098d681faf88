import { db } from "#app/modules/db.server.ts";
import { env, signingP12Bytes } from "#app/modules/env.server.ts";
import { certificateSummary, selfSignedCertificate } from "#app/modules/pdf/seal.ts";
import type { SealOptions } from "#app/modules/pdf/thread-protocol.ts";

/**
 * The platform certificate that seals PDFs: SIGNING_P12 in production; in
 * development and the demo, a self-signed one made at first need and kept in
 * the database, so that every process, and every restart, seals with the
 * same key and earlier PDFs still verify. Read once per process.
 */
export type PlatformCertificate = {
  p12: Uint8Array;
  password: string;
  /** SHA-256 of the certificate: a seal by this certificate is ours. */
  fingerprint: string;
  selfSigned: boolean;
};

const developmentId = "development";
let cached: Promise<PlatformCertificate> | undefined;

export function platformCertificate(): Promise<PlatformCertificate> {
  cached ??= load().catch((error) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function load(): Promise<PlatformCertificate> {
  const { SIGNING_P12, SIGNING_P12_PASSWORD } = env();
  if (SIGNING_P12) return withSummary(signingP12Bytes(SIGNING_P12), SIGNING_P12_PASSWORD ?? "");
  let stored = await db.signingCertificate.findUnique({ where: { id: developmentId } });
  if (!stored) {
    const made = selfSignedCertificate({
      commonName: "Werkpad development seal",
      organization: "Werkpad (development)",
    });
    // Two processes starting at once may both make one: the first kept wins.
    await db.signingCertificate.createMany({
      data: [{ id: developmentId, p12: new Uint8Array(made.p12), password: made.password }],
      skipDuplicates: true,
    });
    stored = await db.signingCertificate.findUniqueOrThrow({ where: { id: developmentId } });
  }
  return withSummary(new Uint8Array(stored.p12), stored.password);
}

function withSummary(p12: Uint8Array, password: string): PlatformCertificate {
  const summary = certificateSummary(p12, password);
  return { p12, password, fingerprint: summary.fingerprint, selfSigned: summary.selfSigned };
}

/** What sealing needs: the certificate and the reason written into the signature. */
export async function sealOptions(reason: string): Promise<SealOptions> {
  const { p12, password } = await platformCertificate();
  return { p12, password, reason, name: "Werkpad", location: "Werkpad" };
}
