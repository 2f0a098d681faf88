import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, test } from "vitest";
import { newCaseSchema } from "./case-form.ts";

function submit(fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.set(name, value);
  return parseWithZod(formData, { schema: newCaseSchema }).reply().error ?? {};
}

const complete = {
  kind: "OWN_HEALTH",
  employeeId: "",
  employeeEmail: "",
  managerId: "manager-1",
  physicianId: "",
  country: "NL",
  startKind: "ABSENCE",
  startDate: "",
};

describe("the new-case form", () => {
  test("says the employee is missing", () => {
    expect(submit(complete)).toEqual({ employeeId: ["cases:errors.employeeRequired"] });
  });

  test("says the employee is missing also when other fields are wrong, all at once", () => {
    expect(submit({ ...complete, managerId: "", country: "" })).toEqual({
      employeeId: ["cases:errors.employeeRequired"],
      managerId: ["validation.choose"],
      country: ["validation.choose"],
    });
  });

  test("is content with a member or an address", () => {
    expect(submit({ ...complete, employeeId: "user-1" })).toEqual({});
    expect(submit({ ...complete, employeeEmail: "noor@example.com" })).toEqual({});
  });

  test("a malformed address gets its own message, not a second one", () => {
    expect(submit({ ...complete, managerId: "", employeeEmail: "noor" })).toEqual({
      employeeEmail: ["validation.email"],
      managerId: ["validation.choose"],
    });
  });
});
