/**
 * Printing: Markdown tables (readable in a terminal, and pasted as they are
 * into the README) and the units the benchmark uses.
 */

/** Cells that are numbers (or "–" for none): their column is right-aligned. */
const numeric = /^(?:[-\d.,]+\s*(?:%|×|ms|KB)?|–|)$/;

/** A Markdown table with padded columns; columns of numbers are right-aligned. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const right = header.map((_, column) => rows.every((row) => numeric.test(row[column] ?? "")));
  const line = (cells: string[]) =>
    `| ${header
      .map((_, column) => {
        const cell = cells[column] ?? "";
        const width = widths[column] ?? 0;
        return right[column] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join(" | ")} |`;
  const rule = `|${widths.map((width, column) => ` ${"-".repeat(right[column] ? width - 1 : width)}${right[column] ? ":" : ""} `).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** Milliseconds with one decimal; "–" where there is nothing to show. */
export function ms(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? "–" : value.toFixed(1);
}

/** KB = 1,024 bytes, one decimal. */
export function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

export function whole(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value)
    ? "–"
    : Math.round(value).toLocaleString("en");
}

/** A ratio as a percentage: 0.812 → "81%"; small ones keep a decimal: 0.0042 → "0.4%". */
export function percent(ratio: number): string {
  if (!Number.isFinite(ratio)) return "–";
  return ratio < 0.1 ? `${(ratio * 100).toFixed(1)}%` : `${Math.round(ratio * 100)}%`;
}
