import QRCode from "qrcode";
import { expect, test } from "vitest";
import { qrPath } from "./qr.server.ts";

/** The dark modules a path draws: `M x y h n` runs (ours) or strokes (qrcode's own SVG). */
function darkCells(path: string): Set<string> {
  const cells = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, command, rest = ""] of path.matchAll(/([MmHhVvz])([^MmHhVvz]*)/g)) {
    const [a = 0, b = 0] = rest.trim().split(/[ ,]+/).filter(Boolean).map(Number);
    if (command === "M") [x, y] = [a, b];
    else if (command === "m") [x, y] = [x + a, y + b];
    else if (command === "h") {
      for (let i = 0; i < a; i++) cells.add(`${Math.floor(x + i)},${Math.floor(y)}`);
      x += a;
    } else if (command === "v") y += a;
  }
  return cells;
}

test("the QR code's path draws exactly the modules of qrcode's own SVG, quiet zone included", async () => {
  const text = "otpauth://totp/Werkpad:anna%40example.com?issuer=Werkpad&secret=GEZDGNBV";
  const { size, path } = qrPath(text);
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
  const theirs = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? "";
  expect(svg).toContain(`viewBox="0 0 ${size} ${size}"`);
  expect(darkCells(path)).toEqual(darkCells(theirs));
  expect(darkCells(path).size).toBeGreaterThan(100);
});
