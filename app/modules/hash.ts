import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

/** JSON with object keys sorted at every depth, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 (hex) of a value's canonical JSON: the fingerprint of plans and audit events. */
export function contentHash(value: unknown): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalJson(value))));
}

/** SHA-256 (hex) of bytes as they are: the fingerprint of a PDF file. */
export function sha256Hex(bytes: Uint8Array): string {
  return encodeHexLowerCase(sha256(bytes));
}
