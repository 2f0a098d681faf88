import { issuedDocument } from "#app/modules/cross-organization.server.ts";
import { sha256Hex } from "#app/modules/hash.ts";
import { inspectSeal } from "#app/modules/pdf/pdf.server.ts";
import { platformCertificate } from "./certificate.server.ts";
import { maxVerifyBytes } from "./verify-limits.ts";

/**
 * What /verify tells anyone who holds a PDF: whether Werkpad issued exactly
 * this file (its SHA-256 is one we keep), whether its seal is intact, who
 * signed and when, and whether a later version replaces it. Only what the
 * PDF itself shows: names as signed, the organisation, dates and the version.
 */
export { maxVerifyBytes };

type Issued = NonNullable<Awaited<ReturnType<typeof issuedDocument>>>;

export type IssuedView =
  | {
      kind: "agreement";
      sealed: boolean;
      versionNumber: number;
      planHash: string;
      organizationName: string;
      sealedAt: Date | null;
      signatures: Array<{ side: "EMPLOYEE" | "EMPLOYER"; typedName: string; signedAt: Date }>;
      supersededBy: number | null;
    }
  | { kind: "passport"; ownerName: string; createdAt: Date };

export type SealState = "intact" | "broken" | "unsigned" | "other-signer" | "added-to";

export type FileVerdict =
  | { outcome: "not-pdf" }
  | { outcome: "damaged" }
  | { outcome: "too-large" }
  | { outcome: "empty" }
  | { outcome: "match"; seal: SealState; document: IssuedView }
  | { outcome: "no-match"; seal: SealState };

function viewOf(issued: Issued, sha256?: string): IssuedView {
  if (issued.kind === "passport")
    return { kind: "passport", ownerName: issued.ownerName, createdAt: issued.createdAt };
  // The document to sign carries no signatures: only the sealed file names them.
  const sealed = sha256 === undefined ? issued.status === "SEALED" : issued.sealedHash === sha256;
  return {
    kind: "agreement",
    sealed,
    versionNumber: issued.versionNumber,
    planHash: issued.planHash,
    organizationName: issued.organizationName,
    sealedAt: sealed ? issued.sealedAt : null,
    signatures: sealed ? issued.signatures : [],
    supersededBy: sealed ? issued.supersededBy : null,
  };
}

async function sealStateOf(bytes: Uint8Array): Promise<SealState> {
  const { fingerprint } = await platformCertificate();
  const report = await inspectSeal(bytes, [{ fingerprint }]);
  if (report.state !== "intact") return report.state;
  if (!report.trusted) return "other-signer";
  return report.coversWholeFile ? "intact" : "added-to";
}

function looksLikePdf(bytes: Uint8Array): "pdf" | "not-pdf" | "damaged" {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  if (!head.includes("%PDF-")) return "not-pdf";
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString("latin1");
  return tail.includes("%%EOF") ? "pdf" : "damaged";
}

export async function verifyFile(file: File): Promise<FileVerdict> {
  if (file.size === 0) return { outcome: "empty" };
  if (file.size > maxVerifyBytes) return { outcome: "too-large" };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const shape = looksLikePdf(bytes);
  if (shape !== "pdf") return { outcome: shape };
  const sha256 = sha256Hex(bytes);
  const [issued, seal] = await Promise.all([issuedDocument({ sha256 }), sealStateOf(bytes)]);
  if (!issued) return { outcome: "no-match", seal };
  return { outcome: "match", seal, document: viewOf(issued, sha256) };
}

/** What the code of a QR link stands for, or null when no document has it. */
export async function verifyCode(code: string): Promise<IssuedView | null> {
  if (!/^[A-Za-z0-9_-]{10,40}$/.test(code)) return null;
  const issued = await issuedDocument({ code });
  return issued ? viewOf(issued) : null;
}
