import { crc32, deflateSync } from "node:zlib";
import type { PdfDocument } from "./model.ts";

/**
 * A realistic Dutch agreement of three pages with every kind of block: the
 * renderer's test fixture, and what the PDF benchmark (scripts/bench-pdf.ts)
 * renders and seals. Plain TypeScript, so the benchmark runs it in Node.
 */
export const FINGERPRINT = "3fa9c2d17e0b4a5f8c6d2e1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a19";

/** A small PNG of a drawn signature: a dark stroke on transparency. */
export function signaturePng(width = 360, height = 120): string {
  const pixels = Buffer.alloc((width * 4 + 1) * height); // filter byte 0 per row
  const ink = (x: number, y: number) => {
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const px = Math.round(x) + dx;
        const py = Math.round(y) + dy;
        if (px < 0 || py < 0 || px >= width || py >= height) continue;
        const at = py * (width * 4 + 1) + 1 + px * 4;
        pixels.writeUInt32BE(0x1e2a4aff, at);
      }
    }
  };
  for (let t = 0; t < 1; t += 0.0005) {
    const x = 20 + t * (width - 40);
    ink(x, height / 2 + Math.sin(t * 19) * 30 * (1 - t) + Math.cos(t * 7) * 10);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const png = Buffer.concat([
    Buffer.from("89504e470d0a1a0a", "hex"),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(pixels)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString("base64")}`;
}

/** A realistic Dutch plan of approach with every kind of block: the fixture to look at. */
export function sampleDocument(): PdfDocument {
  return {
    language: "nl",
    title: "Plan van aanpak — re-integratie",
    subtitle: "Bakkerij Van den Broek B.V. · Anouk de Vries-Çelik",
    author: "Bakkerij Van den Broek B.V.",
    subject: "Plan van aanpak, versie 2",
    footer: `Versie 2 · vingerafdruk ${FINGERPRINT.slice(0, 16)}…`,
    pageLabel: "Pagina {page} van {total}",
    blocks: [
      { type: "heading", level: 2, text: "Gegevens" },
      {
        type: "facts",
        facts: [
          { label: "Werknemer", value: "Anouk de Vries-Çelik" },
          { label: "Functie", value: "Medewerker productie en logistiek (32 uur per week)" },
          {
            label: "Werkgever",
            value: "Bakkerij Van den Broek B.V.\nStationsplein 12\n3511 ED Utrecht",
          },
          { label: "Bedrijfsarts", value: "dr. Léon Maës, Arbodienst Midden" },
          { label: "Eerste ziektedag", value: "3 maart 2026" },
          { label: "Casemanager", value: "Noël Ëlsen" },
        ],
      },
      {
        type: "paragraph",
        text:
          "Werkgever en werknemer hebben dit plan samen opgesteld op basis van het " +
          "advies van de bedrijfsarts. Het beschrijft welke stappen wij zetten om het " +
          "werk geleidelijk te hervatten. Café, één, François, Straße: ook namen met " +
          "accenten komen goed op papier, zoals officiële afspraken met een coördinator.",
      },
      {
        type: "paragraph",
        tone: "notice",
        text:
          "Medische gegevens staan niet in dit plan. De bedrijfsarts beoordeelt de " +
          "belastbaarheid; de werkgever ziet alleen de functionele mogelijkheden.\n\n" +
          "Vragen? Neem contact op met de casemanager.",
      },
      { type: "heading", level: 2, text: "Opbouwschema" },
      {
        type: "bars",
        title: "Uren per week",
        max: 32,
        bars: [
          { label: "Week 1", value: 0, caption: "0 uur" },
          { label: "Week 2", value: 8, caption: "8 uur" },
          { label: "Week 3", value: 12, caption: "12 uur" },
          { label: "Week 4", value: 16, caption: "16 uur" },
          { label: "Week 5–6", value: 20, caption: "20 uur" },
          { label: "Week 7–8", value: 24, caption: "24 uur" },
          { label: "Week 9", value: 28, caption: "28 uur" },
          { label: "Week 10 en verder", value: 32, caption: "32 uur (volledig)" },
        ],
      },
      { type: "heading", level: 3, text: "Schema per periode" },
      {
        type: "table",
        columns: ["Periode", "Uren", "Dagen", "Taken", "Begeleiding", "Opmerking"],
        rows: [
          [
            "Week 1",
            "0",
            "—",
            "Geen werk; kennismakingsgesprek",
            "Casemanager",
            "Rust volgens advies bedrijfsarts",
          ],
          [
            "Week 2",
            "8",
            "ma, do",
            "Inpakken en etiketteren, geen tilwerk boven 10 kg",
            "Teamleider Jeroen",
            "Evaluatie na afloop",
          ],
          [
            "Week 3–4",
            "12–16",
            "ma, di, do",
            "Inpakken; lichte logistieke taken",
            "Teamleider Jeroen",
            "Pauze elk uur (5 minuten)",
          ],
          [
            "Week 5–8",
            "20–24",
            "ma t/m do",
            "Productie aan de lijn, afgewisseld met logistiek",
            "Teamleider en ergonoom",
            `Referentie ${FINGERPRINT}`,
          ],
          [
            "Week 9 en verder",
            "28–32",
            "ma t/m vr",
            "Eigen werk volledig",
            "Casemanager",
            "Zie https://werkpad.example.nl/plannen/2026/03/anouk-de-vries-celik/versie-2",
          ],
        ],
      },
      { type: "heading", level: 2, text: "Afspraken" },
      {
        type: "items",
        items: [
          {
            title: "Werkplekonderzoek door een ergonoom",
            badge: "Nieuw",
            facts: [
              { label: "Wie", value: "Werkgever regelt, ergonoom voert uit" },
              { label: "Wanneer", value: "Vóór 1 april 2026" },
            ],
            text: "De ergonoom kijkt naar de hoogte van de inpaktafel en de looproutes in het magazijn.",
          },
          {
            title: "Evaluatiegesprek met de teamleider",
            facts: [
              { label: "Wie", value: "Anouk en Jeroen" },
              { label: "Wanneer", value: "Elke twee weken, op donderdag" },
            ],
          },
          {
            title: "Cursus ‘Gezond tillen’",
            badge: "Gewijzigd",
            facts: [{ label: "Kosten", value: "€ 245,– voor rekening van de werkgever" }],
            text: "Anouk volgt de cursus zodra zij 20 uur per week werkt.",
          },
        ],
      },
      { type: "heading", level: 2, text: "Wijzigingen sinds versie 1" },
      {
        type: "changes",
        entries: [
          {
            title: "Cursus ‘Gezond tillen’",
            change: "Gewijzigd",
            fields: [
              {
                label: "Wanneer",
                parts: [
                  { text: "Zodra zij " },
                  { text: "16", change: "removed" },
                  { text: "20", change: "added" },
                  { text: " uur per week werkt" },
                ],
              },
            ],
          },
          {
            title: "Werkplekonderzoek door een ergonoom",
            change: "Toegevoegd",
            fields: [
              {
                label: "Omschrijving",
                parts: [{ text: "De ergonoom kijkt naar de inpaktafel.", change: "added" }],
              },
            ],
          },
          {
            title: "Thuiswerken op vrijdag",
            change: "Verwijderd",
            fields: [
              {
                label: "Omschrijving",
                parts: [{ text: "Administratie thuis op vrijdag.", change: "removed" }],
              },
            ],
          },
        ],
      },
      { type: "heading", level: 2, text: "Ondertekening" },
      {
        type: "signers",
        signers: [
          {
            name: "Anouk de Vries-Çelik",
            role: "Werknemer",
            facts: [
              { label: "Getekend", value: "12 maart 2026, 14:32" },
              { label: "Methode", value: "Getekend op scherm" },
            ],
            drawing: signaturePng(),
          },
          {
            name: "Jeroen van den Broek",
            role: "Werkgever, directeur",
            facts: [
              { label: "Getekend", value: "12 maart 2026, 16:05" },
              { label: "Methode", value: "Bevestigd per e-mail" },
            ],
          },
        ],
      },
      {
        type: "qr",
        url: "https://werkpad.example.nl/controleer/3fa9c2d17e0b4a5f",
        caption: "Controleer de echtheid van dit document",
      },
      {
        type: "paragraph",
        tone: "muted",
        text: `Vingerafdruk (SHA-256): ${FINGERPRINT}. Bewaar dit document bij het re-integratiedossier.`,
      },
    ],
  };
}
