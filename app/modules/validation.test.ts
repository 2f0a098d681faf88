import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, test } from "vitest";
import { editCaseSchema, newCaseSchema } from "./cases/case-form.ts";
import { isoDay } from "./dates.ts";
import { errorMessage, parseErrorMessage } from "./error-messages.ts";
import { adviceSchema, reviewSchema as physicianReviewSchema } from "./physician/forms.ts";
import { adjustmentSchema, editSchema, reviewSchema } from "./plans/content.ts";
import {
  databaseIntMax,
  dateProblem,
  dateRanges,
  isCalendarDate,
  optionalDate,
  requiredChoice,
  requiredDate,
  requiredEmail,
  requiredText,
} from "./validation.ts";

function firstError(result: { success: boolean; error?: { issues: { message: string }[] } }) {
  return result.error?.issues[0]?.message;
}

describe("validation messages are translation keys", () => {
  test("missing and blank text are both 'required'", () => {
    expect(firstError(requiredText().safeParse(undefined))).toBe("validation.required");
    expect(firstError(requiredText().safeParse("   "))).toBe("validation.required");
  });

  test("too long text carries its maximum", () => {
    const message = firstError(requiredText(5).safeParse("abcdef")) ?? "";
    expect(parseErrorMessage(message)).toEqual({ key: "validation.tooLong", values: { max: "5" } });
  });

  test("e-mail addresses are trimmed and lower-cased, or refused", () => {
    expect(requiredEmail().parse("  Anna@Example.NL ")).toBe("anna@example.nl");
    expect(firstError(requiredEmail().safeParse("anna@"))).toBe("validation.email");
    expect(firstError(requiredEmail().safeParse(undefined))).toBe("validation.required");
  });

  test("a choice outside the list is refused", () => {
    expect(firstError(requiredChoice(["a", "b"]).safeParse("c"))).toBe("validation.choose");
  });

  test("errorMessage and parseErrorMessage round-trip", () => {
    expect(parseErrorMessage(errorMessage("k", { max: 3, name: "a b" }))).toEqual({
      key: "k",
      values: { max: "3", name: "a b" },
    });
    expect(parseErrorMessage("plain.key")).toEqual({ key: "plain.key", values: {} });
  });

  test("a count comes back as a number, so the plural form can be chosen", () => {
    expect(parseErrorMessage(errorMessage("k", { name: "Ann", count: 3 }))).toEqual({
      key: "k",
      values: { name: "Ann", count: 3 },
    });
  });
});

describe("calendar dates", () => {
  test.each([
    ["2026-02-28", true],
    ["2028-02-29", true],
    ["2026-02-29", false],
    ["2026-02-45", false],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["20260-01-01", false],
    ["2026-1-1", false],
    ["31-03-2026", false],
    ["", false],
  ])("%j is a calendar date: %s", (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  const now = new Date("2026-06-15T10:30:00Z");
  test("the range is counted in days from today", () => {
    const range = { earliest: -31, latest: 730 };
    expect(dateProblem("2026-05-15", range, now)).toBeNull();
    expect(parseErrorMessage(dateProblem("2026-05-14", range, now) ?? "")).toEqual({
      key: "validation.dateTooEarly",
      values: { min: "2026-05-15" },
    });
    expect(dateProblem("2028-06-14", range, now)).toBeNull();
    expect(parseErrorMessage(dateProblem("2028-06-15", range, now) ?? "")).toEqual({
      key: "validation.dateTooLate",
      values: { max: "2028-06-14" },
    });
    expect(isoDay(0, now)).toBe("2026-06-15");
  });

  test("one problem gives one message, whatever is wrong", () => {
    for (const value of ["20260-01-01", "2026-02-45", "tomorrow"]) {
      const issues = requiredDate(dateRanges.upcoming).safeParse(value).error?.issues ?? [];
      expect(issues.map((issue) => issue.message)).toEqual(["validation.date"]);
    }
    const tooLate = requiredDate(dateRanges.upcoming).safeParse("2099-01-01").error?.issues ?? [];
    expect(tooLate.map((issue) => parseErrorMessage(issue.message).key)).toEqual([
      "validation.dateTooLate",
    ]);
    expect(requiredDate(dateRanges.upcoming).safeParse(undefined).error?.issues[0]?.message).toBe(
      "validation.required",
    );
  });

  test("an empty optional date is no date", () => {
    expect(optionalDate(dateRanges.upcoming).parse("")).toBeUndefined();
    expect(optionalDate(dateRanges.upcoming).parse(undefined)).toBeUndefined();
  });

  test("a stored date may be kept when it is out of range now, but not changed to another", () => {
    const stored = isoDay(-400);
    expect(requiredDate(dateRanges.upcoming, stored).safeParse(stored).success).toBe(true);
    expect(requiredDate(dateRanges.upcoming, stored).safeParse(isoDay(-399)).success).toBe(false);
    expect(requiredDate(dateRanges.upcoming).safeParse(stored).success).toBe(false);
  });
});

/**
 * Every date field of every form, with what a valid form needs besides it.
 * Each must refuse impossible dates and dates outside its range with one message.
 */
const dateFields = [
  {
    name: "adjustment start",
    schema: adjustmentSchema,
    field: "startDate",
    rest: { title: "Quiet room", owner: "Sam" },
    farPast: isoDay(-6 * 365),
  },
  {
    name: "adjustment review",
    schema: adjustmentSchema,
    field: "reviewDate",
    rest: { title: "Quiet room", owner: "Sam", startDate: isoDay(-60) },
    farPast: isoDay(-40),
  },
  { name: "plan review", schema: reviewSchema, field: "date", rest: {}, farPast: "2020-03-01" },
  {
    name: "case start (new case)",
    schema: newCaseSchema,
    field: "startDate",
    rest: {
      kind: "OWN_HEALTH",
      employeeId: "e",
      managerId: "m",
      country: "NL",
      startKind: "ABSENCE",
    },
    farPast: isoDay(-6 * 365),
  },
  {
    name: "case start (changed case)",
    schema: editCaseSchema(),
    field: "startDate",
    rest: { status: "ABSENT", managerId: "m", country: "NL", startKind: "ABSENCE" },
    farPast: isoDay(-6 * 365),
  },
  {
    name: "next consultation",
    schema: adviceSchema,
    field: "nextConsultation",
    rest: { capacities: "Four hours a day" },
    farPast: "2020-03-01",
  },
] as const;

describe.each(dateFields)("the $name date", ({ schema, field, rest, farPast }) => {
  const messages = (value: string) => {
    const result = schema.safeParse({ ...rest, [field]: value });
    return (result.error?.issues ?? []).map((issue) => parseErrorMessage(issue.message).key);
  };
  test("accepts a date a few days ahead", () => {
    expect(messages(isoDay(5))).toEqual([]);
  });
  test.each([
    ["2026-02-45", "validation.date"],
    ["20260-01-01", "validation.date"],
    ["2099-01-01", "validation.dateTooLate"],
  ])("refuses %s with %s", (value, key) => {
    expect(messages(value)).toEqual([key]);
  });
  test("refuses a date too far back", () => {
    expect(messages(farPast)).toEqual(["validation.dateTooEarly"]);
  });
});

describe("editing keeps stored dates that are out of range now", () => {
  test("an agreed review whose date has passed can still get a new note", () => {
    const stored = { date: isoDay(-90), note: "First review" };
    expect(editSchema("REVIEW", stored).safeParse({ ...stored, note: "Moved" }).success).toBe(true);
    expect(editSchema("REVIEW", stored).safeParse({ date: isoDay(-89) }).success).toBe(false);
  });
  test("an adjustment whose review date has passed can still be stopped", () => {
    const stored = {
      title: "Quiet room",
      owner: "Sam",
      startDate: isoDay(-200),
      reviewDate: isoDay(-100),
    };
    const stopped = { ...stored, stage: "stopped", stageReason: "No longer needed" };
    expect(editSchema("ADJUSTMENT", stored).safeParse(stopped).success).toBe(true);
  });
  test("a case older than five years can still be closed", () => {
    const stored = isoDay(-6 * 365);
    const closed = {
      status: "CLOSED",
      closedCategory: "RETURNED_OWN_WORK",
      managerId: "m",
      country: "NL",
      startKind: "ABSENCE",
      startDate: stored,
    };
    expect(editCaseSchema(stored).safeParse(closed).success).toBe(true);
  });
});

describe("whole numbers from forms stay within what the database holds", () => {
  test.each([
    ["1", true],
    [String(databaseIntMax), true],
    [String(databaseIntMax + 1), false],
    ["1e10", false],
    ["-1", false],
    ["1.5", false],
    ["abc", false],
  ])("versionNumber=%s accepted: %s", (versionNumber, accepted) => {
    const form = new FormData();
    form.set("versionNumber", versionNumber);
    form.set("outcome", "REVIEWED");
    form.set("remarks", "Fine");
    const submission = parseWithZod(form, { schema: physicianReviewSchema });
    expect(submission.status === "success").toBe(accepted);
    if (!accepted)
      expect(submission.reply().error?.versionNumber).toEqual(["physician:errors.unknownVersion"]);
  });
});
