// Apart from timelines.ts (which reads the rules' files on the server), so that
// the browser's forms can name the events too.

/**
 * The dated events a case records, which after-event rules count from. Each
 * is named after its country, and a file may only use its own country's.
 */
export const timelineEvents = [
  /** NL: at the first-year review, employer and employee concluded that a lasting return within the own organisation is not in sight (spoor 2, §1.1). */
  "nl-second-track-needed",
  /** BE: the request for a re-integration path (re-integratietraject), which starts the assessment (§2.1). */
  "be-assessment-requested",
  /** BE: the occupational physician's decision A (temporarily unfit for the agreed work), as received (§2.1). */
  "be-decision-a",
  /** BE: decision B (permanently unfit for the agreed work), as received by the employee (§2.1). */
  "be-decision-b",
  /** BE: decision B became final: the 21-day appeal period passed without an appeal, or the appeal was decided (§2.1). */
  "be-decision-b-final",
  /** BE: the employee received the re-integration plan (§2.1). */
  "be-plan-received",
  /** BE: the employee asked for a visit before the return to work (bezoek voorafgaand aan de werkhervatting, §2.1). */
  "be-pre-return-visit-requested",
  /** BE: the first day of a progressive return to work (toegelaten arbeid, §2.3). */
  "be-progressive-return-start",
  /** UK: the last day a fit note covers (§3). */
  "uk-fit-note-ends",
  /** UK: the date agreed for a review meeting (§3, §5d). */
  "uk-review-meeting",
] as const;
export type TimelineEvent = (typeof timelineEvents)[number];
