/**
 * The medical deny-list: what the catalogue, the guides and employer-side
 * notes must not contain, and what a note's soft warning looks for.
 */
/**
 * Words an employer may not record (diagnosis, treatment type, complaints,
 * body functions: DOMAIN.md §1.4), in nl, en and fr. Matched on lower-case
 * text without accents; `\b` marks a word start where a shorter stem would
 * catch innocent words.
 */
export const medicalWords: readonly RegExp[] = [
  // the illness itself
  /cancer/,
  /kanker/,
  /tumou?r/,
  /tumeur/,
  /carcino/,
  /leuk(a|e)emi/,
  /leucemi/,
  /metasta/,
  /oncolog/,
  /diagnos/,
  /\bziek/,
  /\billness/,
  /\bsick/,
  /\bdisease/,
  /\bmaladie/,
  /\bmalade/,
  /\baandoening/,
  /\bchroni/,
  /\bpatient/,
  /\brecidi/,
  /\brecurrence/,
  // treatments and the people who give them
  /chemo/,
  /therap/,
  /radiation/,
  /\bbestral/,
  /hormo/,
  /\boperatie/,
  /\bsurgery/,
  /chirurg/,
  /\bmedicat/,
  /\bmedicijn/,
  /\bmedicament/,
  /\bkuur/,
  /psychiat/,
  /\bpsycholo/,
  /\bimmun/,
  // complaints and body functions
  /\bsymptom/,
  /\bklacht/,
  /bijwerking/,
  /side.effect/,
  /effets? secondaires?/,
  /\bpijn/,
  /\bpain\b/,
  /\bdouleur/,
  /stoma/,
  /lymph/,
  /lymf/,
  /oedee?m/,
  /\bo?edema/,
  /neuropath/,
  /menopau/,
  /\bovergang/,
  /opvlieg/,
  /\bhot flush/,
  /\bflushes/,
  /bouffees? de chaleur/,
  /incontinen/,
  /\bbowel/,
  /\bbladder/,
  /\bdarm/,
  /\bblaas\b/,
  /intestin/,
  /\bvessie/,
  /\bhair loss/,
  /haaruitval/,
  /\bcheveux/,
  /\bpruik/,
  /perruque/,
  /\bdepress/,
  /\banxiety/,
  /\bangst/,
  /\bangoisse/,
  /respirat/,
  /\bademhal/,
  /\bhandicap/,
  /\bdisab/,
  /\binvalide/,
];

/** Text as the deny-list matches it: lower case, without accents. */
export function folded(value: string): string {
  return value.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/œ/g, "oe");
}

/** The deny-list's words found in a text (as their patterns), for a test's message or a note's warning. */
export function medicalWordsIn(text: string, words: readonly RegExp[] = medicalWords): RegExp[] {
  const plain = folded(text);
  return words.filter((word) => word.test(plain));
}

/**
 * The name of the illness itself: guides and information pages are about
 * working with cancer and may name it; everything else on the list (a
 * diagnosis, a treatment, a complaint, a body function) they may not.
 */
const illnessNames = ["/cancer/", "/kanker/"];
export const treatmentAndDiagnosisWords: readonly RegExp[] = medicalWords.filter(
  (word) => !illnessNames.includes(String(word)),
);
