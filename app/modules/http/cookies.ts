/**
 * Whether cookies carry the Secure attribute: in production, always. Browsers
 * treat http://localhost as a secure origin, so the local demo still works.
 * The one rule for every cookie Werkpad sets.
 */
export function secureCookies(): boolean {
  return process.env.NODE_ENV === "production";
}

export function secureAttribute(): string {
  return secureCookies() ? "; Secure" : "";
}
