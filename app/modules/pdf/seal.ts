/**
 * The platform's seal on a PDF: a PAdES baseline B-B signature
 * (SubFilter ETSI.CAdES.detached) made with the platform's certificate, and
 * the check of such a seal.
 *
 * Runs in the PDF worker thread under plain Node (type stripping): only
 * erasable TypeScript, `.ts` imports, `import type` for types.
 *
 * - The PDF side of signing is @libpdf/core's: the incremental update with an
 *   invisible signature field, the /ByteRange and the /Contents placeholder.
 * - The CMS in /Contents is ours (signedData below), written over the one
 *   libpdf made: libpdf always adds a signing-time attribute, which a PAdES
 *   baseline signature must not have (ETSI EN 319 142-1, 6.3: the claimed
 *   time is the dictionary's /M). Ours has content-type, message-digest,
 *   signing-certificate-v2 and CMS algorithm protection, signed with Node's
 *   crypto.
 * - The PKCS#12 is read by node-forge (readSealKey), once per file and
 *   password, so the certificate summary at startup and the seal use the
 *   same parser and the same certificate (the one that matches the key).
 * - Checking (inspectSeal) is ours too: a small DER reader that keeps
 *   offsets, so the signed attributes and the certificate are verified on
 *   their exact bytes, and Node's crypto for hashing and verifying.
 * - No network: no timestamp authority, no OCSP or CRL.
 */
import {
  constants,
  createHash,
  createPrivateKey,
  createPublicKey,
  sign as cryptoSign,
  verify as cryptoVerify,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  X509Certificate,
} from "node:crypto";
import type { KeyType, SignatureAlgorithm, Signer } from "@libpdf/core";
import { PDF, PdfDict, PdfString } from "@libpdf/core";
import forge from "node-forge";

// ---------------------------------------------------------------------------
// Certificates

export type CertificateSummary = {
  /** The subject's attributes in certificate order: "CN=Werkpad seal, O=Werkpad". */
  subject: string;
  issuer: string;
  selfSigned: boolean;
  notAfter: Date;
  /** SHA-256 of the DER certificate, lowercase hex without separators. */
  fingerprint: string;
};

/**
 * A new self-signed RSA-2048 certificate for sealing (development and demo,
 * when no production certificate is configured), as a PKCS#12 protected by
 * a random password. The key is made by Node's crypto (fast, native) and the
 * certificate and PKCS#12 by node-forge.
 */
export function selfSignedCertificate(options: {
  commonName: string;
  organization: string;
  validYears?: number;
}): { p12: Uint8Array; password: string } {
  const validYears = options.validYears ?? 5;
  if (!(validYears > 0)) throw new Error("validYears must be positive");
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(
    pair.privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
  );
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(
    pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
  );
  // A positive 128-bit serial (the high bit clear, no leading zero byte).
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  cert.serialNumber = serial.toString("hex");
  const now = Date.now();
  // An hour back, so a clock a little behind does not find it not yet valid.
  cert.validity.notBefore = new Date(now - 60 * 60 * 1000);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + Math.floor(validYears));
  cert.validity.notAfter = notAfter;
  const name = [
    { name: "commonName", value: options.commonName },
    { name: "organizationName", value: options.organization },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", critical: true, digitalSignature: true, nonRepudiation: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const password = randomBytes(24).toString("base64url");
  const pfx = forge.pkcs12.toPkcs12Asn1(key, [cert], password, {
    algorithm: "aes256",
    friendlyName: options.commonName,
    generateLocalKeyId: true,
  });
  return { p12: binaryToBytes(forge.asn1.toDer(pfx).getBytes()), password };
}

/**
 * Which certificate a PKCS#12 holds. Throws an Error that says what is wrong
 * when the password is wrong or the file is not a PKCS#12 with a private key
 * and its certificate.
 */
export function certificateSummary(p12: Uint8Array, password: string): CertificateSummary {
  const { certificate } = readSealKey(p12, password);
  return {
    subject: distinguishedName(certificate.subject),
    issuer: distinguishedName(certificate.issuer),
    selfSigned:
      certificate.subject === certificate.issuer && certificate.verify(certificate.publicKey),
    notAfter: certificate.validToDate,
    fingerprint: sha256Hex(certificate.raw),
  };
}

type SealKey = {
  key: KeyObject;
  /** The certificate whose public key matches `key`. */
  certificate: X509Certificate;
  /** The other certificates in the file (the chain), in file order. */
  chain: X509Certificate[];
};

/** The last PKCS#12 read, by a hash of its bytes and its password. */
let sealKeyCache: { id: string; value: SealKey } | null = null;

function readSealKey(p12: Uint8Array, password: string): SealKey {
  if (!(p12 instanceof Uint8Array) || p12.length === 0) {
    throw new Error("The seal certificate is empty: expected a PKCS#12 (.p12/.pfx) file.");
  }
  if (typeof password !== "string") throw new Error("The seal certificate's password is missing.");
  const id = `${sha256Hex(p12)}:${sha256Hex(Buffer.from(password, "utf8"))}`;
  if (sealKeyCache?.id === id) return sealKeyCache.value;

  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytesToBinary(p12)));
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/MAC could not be verified|wrong password|invalid password|decrypt/i.test(message)) {
      throw new Error(
        "The seal certificate's password is wrong (the PKCS#12 could not be opened).",
      );
    }
    throw new Error(`The seal certificate is not a readable PKCS#12 (.p12/.pfx) file: ${message}`);
  }

  const keys: KeyObject[] = [];
  const certificates: X509Certificate[] = [];
  for (const contents of pfx.safeContents) {
    for (const bag of contents.safeBags) {
      try {
        if (bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag) {
          keys.push(
            bag.key
              ? createPrivateKey(forge.pki.privateKeyToPem(bag.key))
              : createPrivateKey({
                  key: Buffer.from(binaryToBytes(forge.asn1.toDer(bag.asn1).getBytes())),
                  format: "der",
                  type: "pkcs8",
                }),
          );
        } else if (bag.type === forge.pki.oids.certBag) {
          const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
          certificates.push(new X509Certificate(binaryToBytes(forge.asn1.toDer(asn1).getBytes())));
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(
          `The seal certificate holds a key or certificate that cannot be read: ${message}`,
        );
      }
    }
  }
  if (keys.length === 0) {
    throw new Error("The seal certificate (PKCS#12) holds no private key.");
  }
  if (certificates.length === 0) {
    throw new Error("The seal certificate (PKCS#12) holds no certificate.");
  }

  for (const key of keys) {
    const type = key.asymmetricKeyType;
    if (type !== "rsa" && type !== "ec") {
      throw new Error(`The seal certificate's key is ${type}: only RSA and EC keys can seal PDFs.`);
    }
    const publicDer = spkiOf(key);
    const certificate = certificates.find((c) => spkiOf(c.publicKey).equals(publicDer));
    if (certificate) {
      const value = { key, certificate, chain: certificates.filter((c) => c !== certificate) };
      sealKeyCache = { id, value };
      return value;
    }
  }
  throw new Error(
    "The seal certificate's private key does not belong to any certificate in the PKCS#12 file.",
  );
}

function spkiOf(key: KeyObject): Buffer {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  return publicKey.export({ type: "spki", format: "der" });
}

/**
 * A Signer for @libpdf/core that does not sign: libpdf's CMS only holds the
 * room in /Contents that sealPdf then fills with its own (signedData).
 */
function placeholderSigner(seal: SealKey): Signer {
  const ec = seal.key.asymmetricKeyType === "ec";
  const keyType: KeyType = ec ? "EC" : "RSA";
  const signatureAlgorithm: SignatureAlgorithm = ec ? "ECDSA" : "RSASSA-PKCS1-v1_5";
  return {
    certificate: new Uint8Array(seal.certificate.raw),
    certificateChain: seal.chain.map((c) => new Uint8Array(c.raw)),
    keyType,
    signatureAlgorithm,
    sign: async () => new Uint8Array(512),
  };
}

// ---------------------------------------------------------------------------
// PDF assembly and sealing

/**
 * The pages of `extra` appended after those of `base`. The document is
 * `base`'s: its catalog (language) and Info (title, author) stay.
 */
export async function appendPdf(base: Uint8Array, extra: Uint8Array): Promise<Uint8Array> {
  const document = await PDF.load(base);
  const appended = await PDF.load(extra);
  const indices = Array.from({ length: appended.getPageCount() }, (_, i) => i);
  await document.copyPagesFrom(appended, indices);
  return document.save();
}

export type SealOptions = {
  /** The platform's certificate and key, as PKCS#12. */
  p12: Uint8Array;
  password: string;
  /** /Reason: why it was sealed ("Issued by Werkpad"). */
  reason: string;
  location?: string;
  contactInfo?: string;
  /** /Name: who seals, when it should read otherwise than the certificate. */
  name?: string;
};

/**
 * Seal a PDF: an incremental update with an invisible signature field and a
 * PAdES baseline B-B signature (ETSI.CAdES.detached, SHA-256) over the whole
 * file. The result is checked with inspectSeal before it is returned.
 */
export async function sealPdf(pdf: Uint8Array, options: SealOptions): Promise<Uint8Array> {
  const seal = readSealKey(options.p12, options.password);
  const document = await PDF.load(pdf);

  // @libpdf/core 0.4.2 escapes the texts of /Reason, /Location and
  // /ContactInfo twice ("a (b)" reads back as "a \(b\)") and has no /Name
  // option. The signature dictionary is registered once, after those are set
  // and before anything is written: set them right there.
  const texts: [string, string | undefined][] = [
    ["Reason", options.reason],
    ["Location", options.location],
    ["ContactInfo", options.contactInfo],
    ["Name", options.name],
  ];
  const registry = document.context.registry;
  const register = registry.register;
  registry.register = function (this: typeof registry, object) {
    if (object instanceof PdfDict && object.getName("Type")?.value === "Sig") {
      for (const [key, value] of texts) {
        if (value) object.set(key, PdfString.fromString(value));
      }
    }
    return register.call(this, object);
  };

  let prepared: Uint8Array;
  try {
    const result = await document.sign({
      signer: placeholderSigner(seal),
      reason: options.reason,
      location: options.location,
      contactInfo: options.contactInfo,
      subFilter: "ETSI.CAdES.detached",
      digestAlgorithm: "SHA-256",
      signingTime: new Date(),
      // Room for the CMS: the certificates, and 4 KiB for the signed
      // attributes (the issuer twice), a signature of up to 4096 bits and the rest.
      estimatedSize:
        4096 + [seal.certificate, ...seal.chain].reduce((sum, c) => sum + c.raw.length, 0),
    });
    prepared = result.bytes;
  } finally {
    registry.register = register;
  }

  // Our CMS in place of libpdf's, in the same room: the signed bytes stay.
  const signed = new Uint8Array(prepared);
  const file = Buffer.from(signed.buffer, signed.byteOffset, signed.byteLength);
  const place = locateSignature(file, file.lastIndexOf("/ByteRange"));
  if (typeof place === "string") throw new Error(`Sealing lost its own signature: ${place}`);
  const digest = createHash("sha256")
    .update(file.subarray(0, place.gapStart))
    .update(file.subarray(place.gapEnd, place.end))
    .digest();
  const hex = signedData(seal, digest).toString("hex").toUpperCase();
  const room = place.gapEnd - place.gapStart - 2;
  if (hex.length > room) throw new Error("The seal's CMS does not fit its placeholder.");
  file.write(hex.padEnd(room, "0"), place.gapStart + 1, "latin1");

  const check = inspectSeal(signed, [{ fingerprint: sha256Hex(seal.certificate.raw) }]);
  if (check.state !== "intact" || !check.coversWholeFile || !check.trusted) {
    throw new Error(
      `Sealing produced a seal that does not check: ${check.state === "broken" ? check.why : check.state}`,
    );
  }
  return signed;
}

// ---------------------------------------------------------------------------
// Checking a seal

export type SealReport =
  /** No signature dictionary at all. */
  | { state: "unsigned" }
  /** A signature is there, but the bytes it covers were changed, its CMS does not verify, or it is malformed. */
  | { state: "broken"; why: string }
  | {
      state: "intact";
      /** The signature covers the file up to its last byte: nothing was appended after sealing. */
      coversWholeFile: boolean;
      /**
       * When the signer says it signed (its own clock, not a timestamp): the
       * signing-time attribute, else the signature dictionary's /M, where
       * PAdES puts it. Null when neither is there or readable.
       */
      signedAt: Date | null;
      /** The signer certificate's common name (or its whole subject). */
      signer: string;
      /** The signer certificate's SHA-256 fingerprint is one of the trusted ones. */
      trusted: boolean;
    };

/**
 * Check the last signature of a PDF (synchronous). Never throws: garbage,
 * truncated or malformed input gives "unsigned" or "broken".
 */
export function inspectSeal(pdf: Uint8Array, trusted: { fingerprint: string }[]): SealReport {
  let found = false;
  try {
    if (!(pdf instanceof Uint8Array) || pdf.length === 0) return { state: "unsigned" };
    const file = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    const at = file.lastIndexOf("/ByteRange");
    if (at < 0) return { state: "unsigned" };
    found = true;
    return checkSignature(file, at, trusted);
  } catch (error) {
    if (!found) return { state: "unsigned" };
    const message = error instanceof Error ? error.message : String(error);
    return { state: "broken", why: `The seal is malformed: ${message}` };
  }
}

class Broken extends Error {}

/** Where a signature's parts are: /ByteRange [0 gapStart gapEnd end - gapEnd]. */
type Placement = { at: number; gapStart: number; gapEnd: number; end: number };

/**
 * The /ByteRange at `at` and the /Contents gap it leaves, checked against
 * the file; a string says what is wrong.
 */
function locateSignature(file: Buffer, at: number): Placement | string {
  if (at < 0) return "There is no /ByteRange.";
  // The signed bytes are [0, gapStart) and [gapEnd, end); [gapStart, gapEnd)
  // is the /Contents hex string holding the CMS.
  const head = file.subarray(at, Math.min(file.length, at + 120)).toString("latin1");
  const match = /^\/ByteRange\s*\[\s*(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s*\]/.exec(
    head,
  );
  if (!match) return "The signature's /ByteRange is malformed.";
  const [start, gapStart, gapEnd, tailLength] = match.slice(1, 5).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const end = gapEnd + tailLength;
  if (start !== 0 || gapStart < 1 || gapEnd < gapStart + 2 || end > file.length) {
    return "The signature's /ByteRange does not fit the file.";
  }
  const keywordEnd = at + match[0].length;
  if (!(keywordEnd <= gapStart || (at >= gapEnd && keywordEnd <= end))) {
    return "The signature's /ByteRange is not itself covered by the signature.";
  }
  if (file[gapStart] !== 0x3c || file[gapEnd - 1] !== 0x3e) {
    return "The gap in the signature's /ByteRange is not a hex string.";
  }
  const before = file.subarray(Math.max(0, gapStart - 64), gapStart).toString("latin1");
  if (!/\/Contents\s*$/.test(before)) {
    return "The gap in the signature's /ByteRange is not its /Contents.";
  }
  return { at, gapStart, gapEnd, end };
}

function checkSignature(file: Buffer, at: number, trusted: { fingerprint: string }[]): SealReport {
  const broken = (why: string): SealReport => ({ state: "broken", why });
  const place = locateSignature(file, at);
  if (typeof place === "string") return broken(place);
  const { gapStart, gapEnd, end } = place;
  const hex = file
    .subarray(gapStart + 1, gapEnd - 1)
    .toString("latin1")
    .replace(/\s+/g, "");
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    return broken("The signature's /Contents is not a hex string.");
  }
  const cms = Buffer.from(hex, "hex");

  let parsed: ParsedSignerInfo;
  try {
    parsed = parseSignedData(cms);
  } catch (error) {
    return broken(
      `The signature's CMS cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  const hashName = DIGESTS[parsed.digestOid];
  if (!hashName) return broken(`The signature uses an unsupported digest (${parsed.digestOid}).`);
  const digest = createHash(hashName)
    .update(file.subarray(0, gapStart))
    .update(file.subarray(gapEnd, end))
    .digest();

  const certificate = new X509Certificate(parsed.certificate);
  let signedData: Buffer;
  if (parsed.signedAttributes) {
    const attributes = parsed.signedAttributes;
    const messageDigest = attributes.messageDigest;
    if (!messageDigest) return broken("The signature has no messageDigest attribute.");
    if (!messageDigest.equals(digest)) {
      return broken("The document was changed after it was sealed (its digest does not match).");
    }
    if (attributes.essCertificate) {
      const { hashOid, hash } = attributes.essCertificate;
      const essHash = DIGESTS[hashOid];
      if (!essHash) return broken(`The signing-certificate attribute uses an unsupported digest.`);
      if (!createHash(essHash).update(parsed.certificate).digest().equals(hash)) {
        return broken("The signing-certificate attribute does not name the signer's certificate.");
      }
    }
    // The signature is over the attributes as a DER SET OF (tag 0x31), not
    // as the [0] IMPLICIT they are stored in.
    signedData = Buffer.from(attributes.der);
    signedData[0] = 0x31;
  } else {
    signedData = file.subarray(0, gapStart);
    signedData = Buffer.concat([signedData, file.subarray(gapEnd, end)]);
  }

  const algorithm = SIGNATURES[parsed.signatureOid];
  if (!algorithm) {
    return broken(`The signature uses an unsupported algorithm (${parsed.signatureOid}).`);
  }
  const verifyHash = algorithm.hash ?? hashName;
  const keyType = certificate.publicKey.asymmetricKeyType;
  if (algorithm.key !== keyType && !(algorithm.key === "rsa" && keyType === "rsa-pss")) {
    return broken("The signature's algorithm does not fit the signer's key.");
  }
  const valid = cryptoVerify(
    verifyHash,
    signedData,
    algorithm.pss
      ? {
          key: certificate.publicKey,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_AUTO,
        }
      : certificate.publicKey,
    parsed.signature,
  );
  if (!valid) return broken("The signature does not verify with the signer's certificate.");

  const fingerprint = sha256Hex(parsed.certificate);
  return {
    state: "intact",
    coversWholeFile: end === file.length,
    signedAt: parsed.signedAttributes?.signingTime ?? dictionaryTime(file, place),
    signer: commonName(certificate.subject),
    trusted:
      Array.isArray(trusted) &&
      trusted.some((t) => normalizeFingerprint(t?.fingerprint) === fingerprint),
  };
}

/**
 * The /M of the signature dictionary that holds the /ByteRange, read from
 * its signed bytes only: "D:YYYYMMDDHHmmSS" with Z or an offset.
 */
function dictionaryTime(file: Buffer, place: Placement): Date | null {
  const objectStart = file.lastIndexOf("obj", place.at);
  const objectEnd = file.indexOf("endobj", place.at);
  if (objectStart < 0 || objectEnd < 0 || objectEnd > place.end) return null;
  const signed = (from: number, to: number) =>
    from < place.gapEnd && to > place.gapStart
      ? file.subarray(from, place.gapStart).toString("latin1") +
        file.subarray(place.gapEnd, to).toString("latin1")
      : file.subarray(from, to).toString("latin1");
  const match =
    /\/M\s*\(D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:Z|([+-])(\d{2})'?(\d{2})?'?)?\)/.exec(
      signed(objectStart, objectEnd),
    );
  if (!match) return null;
  const part = (index: number, fallback: number) => Number(match[index] ?? fallback);
  const offset = match[7] ? (match[7] === "-" ? -1 : 1) * (part(8, 0) * 60 + part(9, 0)) : 0;
  const time =
    Date.UTC(part(1, 0), part(2, 1) - 1, part(3, 1), part(4, 0), part(5, 0), part(6, 0)) -
    offset * 60_000;
  return Number.isNaN(time) ? null : new Date(time);
}

// A DER writer for the CMS we sign.

const OID_DATA = "1.2.840.113549.1.7.1";
const OID_CONTENT_TYPE = "1.2.840.113549.1.9.3";
const OID_CMS_ALGORITHM_PROTECTION = "1.2.840.113549.1.9.52";
const OID_SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
const OID_ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
const DER_NULL = Buffer.from([0x05, 0x00]);

/**
 * ContentInfo { signedData, SignedData } for a detached PAdES B-B signature
 * over `digest` (SHA-256 of the signed bytes): one SignerInfo identified by
 * issuer and serial number, and the certificate and its chain.
 */
function signedData(seal: SealKey, digest: Buffer): Buffer {
  const certificate = seal.certificate.raw;
  const { issuer, serial } = issuerAndSerial(certificate);
  const sha256 = derSequence(derOid(OID_SHA256));
  const ec = seal.key.asymmetricKeyType === "ec";
  // RSA's AlgorithmIdentifier has NULL parameters (RFC 4055), ECDSA's none (RFC 5758).
  const algorithm = ec ? [derOid(OID_ECDSA_WITH_SHA256)] : [derOid(OID_SHA256_WITH_RSA), DER_NULL];
  const attribute = (type: string, value: Buffer) => derSequence(derOid(type), encode(0x31, value));
  const essCertIdV2 = derSequence(
    // hashAlgorithm left out: SHA-256 is its default.
    encode(0x04, createHash("sha256").update(certificate).digest()),
    derSequence(derSequence(encode(0xa4, issuer)), serial),
  );
  // DER orders a SET OF by the encodings of its elements.
  const attributes = [
    attribute(OID_CONTENT_TYPE, derOid(OID_DATA)),
    attribute(OID_MESSAGE_DIGEST, encode(0x04, digest)),
    attribute(OID_SIGNING_CERTIFICATE_V2, derSequence(derSequence(essCertIdV2))),
    attribute(OID_CMS_ALGORITHM_PROTECTION, derSequence(sha256, encode(0xa1, ...algorithm))),
  ].sort(Buffer.compare);
  const signature = cryptoSign("sha256", encode(0x31, ...attributes), seal.key);
  const signerInfo = derSequence(
    derInteger1,
    derSequence(issuer, serial),
    sha256,
    encode(0xa0, ...attributes),
    derSequence(...algorithm),
    encode(0x04, signature),
  );
  const content = derSequence(
    derInteger1,
    encode(0x31, sha256),
    derSequence(derOid(OID_DATA)),
    encode(0xa0, certificate, ...seal.chain.map((c) => c.raw)),
    encode(0x31, signerInfo),
  );
  return derSequence(derOid(OID_SIGNED_DATA), encode(0xa0, content));
}

/** A certificate's issuer Name and serialNumber INTEGER, as encoded in it. */
function issuerAndSerial(certificate: Buffer): { issuer: Buffer; serial: Buffer } {
  const [tbs] = children(certificate, readDer(certificate, 0, certificate.length, 0x30));
  const fields = children(certificate, expect(tbs, 0x30));
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
  return {
    serial: raw(certificate, expect(fields[offset], 0x02)),
    issuer: raw(certificate, expect(fields[offset + 2], 0x30)),
  };
}

const derInteger1 = Buffer.from([0x02, 0x01, 0x01]);

function encode(tag: number, ...parts: Uint8Array[]): Buffer {
  const body = Buffer.concat(parts);
  const length: number[] = [];
  for (let n = body.length; n > 0; n = Math.floor(n / 256)) length.unshift(n % 256);
  const header = body.length < 0x80 ? [tag, body.length] : [tag, 0x80 | length.length, ...length];
  return Buffer.concat([Buffer.from(header), body]);
}

function derSequence(...parts: Uint8Array[]): Buffer {
  return encode(0x30, ...parts);
}

function derOid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split(".").map(Number);
  const bytes = [first * 40 + second];
  for (const n of rest) {
    const group: number[] = [n % 128];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128))
      group.unshift(0x80 | (v % 128));
    bytes.push(...group);
  }
  return encode(0x06, Buffer.from(bytes));
}

const DIGESTS: Record<string, string> = {
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};

const SIGNATURES: Record<string, { key: "rsa" | "ec"; hash?: string; pss?: boolean }> = {
  "1.2.840.113549.1.1.1": { key: "rsa" },
  "1.2.840.113549.1.1.10": { key: "rsa", pss: true },
  "1.2.840.113549.1.1.11": { key: "rsa", hash: "sha256" },
  "1.2.840.113549.1.1.12": { key: "rsa", hash: "sha384" },
  "1.2.840.113549.1.1.13": { key: "rsa", hash: "sha512" },
  "1.2.840.10045.2.1": { key: "ec" },
  "1.2.840.10045.4.3.2": { key: "ec", hash: "sha256" },
  "1.2.840.10045.4.3.3": { key: "ec", hash: "sha384" },
  "1.2.840.10045.4.3.4": { key: "ec", hash: "sha512" },
};

const OID_SIGNED_DATA = "1.2.840.113549.1.7.2";
const OID_MESSAGE_DIGEST = "1.2.840.113549.1.9.4";
const OID_SIGNING_TIME = "1.2.840.113549.1.9.5";
const OID_SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47";
const OID_SHA256 = "2.16.840.1.101.3.4.2.1";

type ParsedSignerInfo = {
  digestOid: string;
  signatureOid: string;
  signature: Buffer;
  /** The signer's certificate, DER, exactly as in the CMS. */
  certificate: Buffer;
  signedAttributes: {
    /** The [0] IMPLICIT element, tag and all, as stored. */
    der: Buffer;
    messageDigest: Buffer | null;
    signingTime: Date | null;
    essCertificate: { hashOid: string; hash: Buffer } | null;
  } | null;
};

/** ContentInfo { signedData, [0] SignedData } with one SignerInfo, read from DER. */
function parseSignedData(cms: Buffer): ParsedSignerInfo {
  const contentInfo = readDer(cms, 0, cms.length, 0x30);
  const [contentType, wrapped] = need(children(cms, contentInfo), 2, "ContentInfo");
  if (oid(cms, expect(contentType, 0x06)) !== OID_SIGNED_DATA) {
    throw new Broken("it is not a CMS SignedData");
  }
  const [signedDataNode] = need(children(cms, expect(wrapped, 0xa0)), 1, "SignedData");
  const fields = children(cms, expect(signedDataNode, 0x30));
  const certificatesNode = fields.find((f) => f.tag === 0xa0);
  const signerInfos = fields.at(-1);
  if (signerInfos?.tag !== 0x31) throw new Broken("no SignerInfos");
  const signers = children(cms, signerInfos);
  if (signers.length !== 1) throw new Broken(`${signers.length} signers instead of one`);
  const signerInfo = children(cms, expect(signers[0], 0x30));

  let i = 1; // after version
  const sid = signerInfo[i++];
  const digestAlgorithm = signerInfo[i++];
  const signedAttrs = signerInfo[i]?.tag === 0xa0 ? signerInfo[i++] : undefined;
  const signatureAlgorithm = signerInfo[i++];
  const signatureValue = signerInfo[i++];
  if (!sid || !digestAlgorithm || !signatureAlgorithm || !signatureValue) {
    throw new Broken("incomplete SignerInfo");
  }

  const certificates = certificatesNode
    ? children(cms, certificatesNode)
        .filter((c) => c.tag === 0x30)
        .map((c) => cms.subarray(c.start, c.end))
    : [];
  const certificate = certificates.find((c) => certificateMatches(c, cms, sid));
  if (!certificate) throw new Broken("the signer's certificate is not in the CMS");

  let attributes: ParsedSignerInfo["signedAttributes"] = null;
  if (signedAttrs) {
    attributes = {
      der: cms.subarray(signedAttrs.start, signedAttrs.end),
      messageDigest: null,
      signingTime: null,
      essCertificate: null,
    };
    for (const attribute of children(cms, signedAttrs)) {
      const [type, values] = need(children(cms, expect(attribute, 0x30)), 2, "Attribute");
      const [value] = need(children(cms, expect(values, 0x31)), 1, "attribute value");
      const name = oid(cms, expect(type, 0x06));
      if (name === OID_MESSAGE_DIGEST) {
        attributes.messageDigest = content(cms, expect(value, 0x04));
      } else if (name === OID_SIGNING_TIME) {
        attributes.signingTime = value ? time(cms, value) : null;
      } else if (name === OID_SIGNING_CERTIFICATE_V2) {
        const [certs] = need(children(cms, expect(value, 0x30)), 1, "SigningCertificateV2");
        const [first] = need(children(cms, expect(certs, 0x30)), 1, "ESSCertIDv2");
        const parts = children(cms, expect(first, 0x30));
        let hashOid = OID_SHA256;
        let index = 0;
        if (parts[0]?.tag === 0x30) {
          const [algorithm] = need(children(cms, parts[0]), 1, "hashAlgorithm");
          hashOid = oid(cms, expect(algorithm, 0x06));
          index = 1;
        }
        attributes.essCertificate = { hashOid, hash: content(cms, expect(parts[index], 0x04)) };
      }
    }
  }

  const [digestOid] = need(children(cms, expect(digestAlgorithm, 0x30)), 1, "digestAlgorithm");
  const [signatureOid] = need(
    children(cms, expect(signatureAlgorithm, 0x30)),
    1,
    "signatureAlgorithm",
  );
  return {
    digestOid: oid(cms, expect(digestOid, 0x06)),
    signatureOid: oid(cms, expect(signatureOid, 0x06)),
    signature: content(cms, expect(signatureValue, 0x04)),
    certificate,
    signedAttributes: attributes,
  };
}

/**
 * Whether the certificate is the one a SignerInfo's sid names: by issuer and
 * serial number, or (sid [0]) by subject key identifier.
 */
function certificateMatches(certificate: Buffer, cms: Buffer, sid: DerNode): boolean {
  try {
    const [tbs] = children(certificate, readDer(certificate, 0, certificate.length, 0x30));
    const fields = children(certificate, expect(tbs, 0x30));
    const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
    if (sid.tag === 0x30) {
      const [issuer, serial] = need(children(cms, sid), 2, "IssuerAndSerialNumber");
      const certSerial = fields[offset];
      const certIssuer = fields[offset + 2];
      if (!issuer || !serial || !certSerial || !certIssuer) return false;
      return (
        raw(cms, issuer).equals(raw(certificate, certIssuer)) &&
        raw(cms, serial).equals(raw(certificate, certSerial))
      );
    }
    if (sid.tag === 0x80) {
      const extensions = fields.find((f) => f.tag === 0xa3);
      if (!extensions) return false;
      const [list] = children(certificate, extensions);
      for (const extension of children(certificate, expect(list, 0x30))) {
        const parts = children(certificate, expect(extension, 0x30));
        if (parts[0] && oid(certificate, expect(parts[0], 0x06)) === "2.5.29.14") {
          const value = content(certificate, expect(parts.at(-1), 0x04));
          const keyId = readDer(value, 0, value.length, 0x04);
          return content(value, keyId).equals(content(cms, sid));
        }
      }
    }
    return false;
  } catch {
    return false;
  }
}

// A DER reader that keeps offsets. Definite lengths only (CMS in PDFs is DER).

type DerNode = { tag: number; start: number; contentStart: number; end: number };

function readDer(buffer: Buffer, offset: number, limit: number, tag?: number): DerNode {
  if (offset + 2 > limit) throw new Broken("truncated DER");
  const first = buffer[offset] ?? 0;
  if ((first & 0x1f) === 0x1f) throw new Broken("unsupported DER tag");
  if (tag !== undefined && first !== tag) throw new Broken(`unexpected DER tag ${first}`);
  let length = buffer[offset + 1] ?? 0;
  let position = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0) throw new Broken("indefinite length (BER) is not DER");
    if (count > 4) throw new Broken("DER length too long");
    if (position + count > limit) throw new Broken("truncated DER");
    length = 0;
    for (let k = 0; k < count; k++) length = length * 256 + (buffer[position + k] ?? 0);
    position += count;
  }
  const end = position + length;
  if (end > limit) throw new Broken("truncated DER");
  return { tag: first, start: offset, contentStart: position, end };
}

function children(buffer: Buffer, node: DerNode): DerNode[] {
  if (!(node.tag & 0x20)) throw new Broken("expected a constructed DER value");
  const list: DerNode[] = [];
  let offset = node.contentStart;
  while (offset < node.end) {
    const child = readDer(buffer, offset, node.end);
    list.push(child);
    offset = child.end;
  }
  return list;
}

function need(list: DerNode[], count: number, what: string): DerNode[] {
  if (list.length < count) throw new Broken(`incomplete ${what}`);
  return list;
}

function expect(node: DerNode | undefined, tag: number): DerNode {
  if (!node || node.tag !== tag) throw new Broken(`expected DER tag ${tag}`);
  return node;
}

function content(buffer: Buffer, node: DerNode): Buffer {
  return buffer.subarray(node.contentStart, node.end);
}

function raw(buffer: Buffer, node: DerNode): Buffer {
  return buffer.subarray(node.start, node.end);
}

function oid(buffer: Buffer, node: DerNode): string {
  const bytes = content(buffer, node);
  if (bytes.length === 0) throw new Broken("empty OID");
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (parts.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        parts.push(first, value - first * 40);
      } else {
        parts.push(value);
      }
      value = 0;
    }
  }
  return parts.join(".");
}

/** UTCTime or GeneralizedTime in UTC ("Z"); anything else is null. */
function time(buffer: Buffer, node: DerNode): Date | null {
  const text = content(buffer, node).toString("latin1");
  let match: RegExpExecArray | null = null;
  let year: number;
  if (node.tag === 0x17) {
    match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text);
    if (!match) return null;
    const short = Number(match[1]);
    year = short < 50 ? 2000 + short : 1900 + short;
  } else if (node.tag === 0x18) {
    match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(text);
    if (!match) return null;
    year = Number(match[1]);
  } else {
    return null;
  }
  const date = new Date(
    Date.UTC(
      year,
      Number(match[2]) - 1,
      Number(match[3]),
      Number(match[4]),
      Number(match[5]),
      Number(match[6] ?? 0),
    ),
  );
  return Number.isNaN(date.getTime()) ? null : date;
}

// ---------------------------------------------------------------------------
// Helpers

function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function normalizeFingerprint(fingerprint: unknown): string {
  return typeof fingerprint === "string"
    ? fingerprint.replace(/[^0-9a-f]/gi, "").toLowerCase()
    : "";
}

/** Node's "C=NL\nO=Werkpad\nCN=Werkpad seal" as "C=NL, O=Werkpad, CN=Werkpad seal". */
function distinguishedName(name: string): string {
  return name.split("\n").filter(Boolean).join(", ");
}

function commonName(name: string): string {
  const line = name.split("\n").find((l) => l.startsWith("CN="));
  return line ? line.slice(3) : distinguishedName(name);
}

function bytesToBinary(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("binary");
}

function binaryToBytes(binary: string): Uint8Array {
  return new Uint8Array(Buffer.from(binary, "binary"));
}
