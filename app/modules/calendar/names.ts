/** "Eva Visser" → "E. Visser": enough to recognise, little to a stranger. */
export function shortName(name: string | null | undefined): string {
  const parts = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return "–";
  if (parts.length === 1) return parts[0] ?? "–";
  return `${parts[0]?.[0] ?? ""}. ${parts.slice(1).join(" ")}`;
}
