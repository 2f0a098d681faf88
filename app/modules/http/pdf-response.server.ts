/**
 * A PDF as a response: shown in the browser, or saved when `download` is
 * asked for. Never cached by shared caches (the files are personal), and
 * never sniffed as anything but a PDF.
 */
export function pdfResponse(bytes: Uint8Array, fileName: string, download: boolean): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `${download ? "attachment" : "inline"}; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
