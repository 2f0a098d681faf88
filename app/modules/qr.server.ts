import QRCode from "qrcode";

/**
 * A QR code as one SVG path, drawn on the server with the same library the
 * agreements' PDFs use (`qrcode`), so the browser loads no QR code library.
 * The page draws `<svg viewBox="0 0 size size"><path d=…/></svg>`; the size
 * includes the quiet zone of four modules that scanners need.
 */
export function qrPath(text: string): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const quiet = 4;
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      // One rectangle per run of dark modules in a row keeps the path short.
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      parts.push(`M${start + quiet} ${row + quiet}h${col - start}v1h-${col - start}z`);
    }
  }
  return { size: modules.size + 2 * quiet, path: parts.join("") };
}
