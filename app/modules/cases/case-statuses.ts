/** Where a case stands; CLOSED keeps its reason. */
export const caseStatuses = ["PREPARING", "ABSENT", "RETURNING", "SUSTAINED", "CLOSED"] as const;
