import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, test } from "vitest";
import { editCaseSchema, newCaseSchema } from "./case-form.ts";

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

function submitEdit(fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.set(name, value);
  return parseWithZod(formData, { schema: editCaseSchema() });
}

const edited = {
  status: "CLOSED",
  closedCategory: "",
  closedReason: "",
  managerId: "manager-1",
  physicianId: "",
  country: "NL",
  startKind: "ABSENCE",
  startDate: "",
  department: "",
};

describe("the case details form", () => {
  test("closing needs a category; the note may stay empty", () => {
    expect(submitEdit(edited).reply().error).toEqual({
      closedCategory: ["cases:errors.closedCategory"],
    });
    const closed = submitEdit({ ...edited, closedCategory: "LEFT_ORGANIZATION" });
    expect(closed.status === "success" && closed.value).toMatchObject({
      closedCategory: "LEFT_ORGANIZATION",
      closedReason: undefined,
    });
  });

  test("says the category is missing also when another field is wrong", () => {
    expect(submitEdit({ ...edited, country: "" }).reply().error).toEqual({
      closedCategory: ["cases:errors.closedCategory"],
      country: ["validation.choose"],
    });
  });

  test("an open case needs no category, and an unknown one is refused", () => {
    expect(submitEdit({ ...edited, status: "RETURNING" }).reply().error).toBeUndefined();
    expect(submitEdit({ ...edited, closedCategory: "FIRED" }).reply().error).toEqual({
      closedCategory: ["validation.choose"],
    });
  });

  test("a department is trimmed to single spaces, and has a limit", () => {
    const result = submitEdit({
      ...edited,
      status: "ABSENT",
      department: "  Finance   and\tcontrol ",
    });
    expect(result.status === "success" && result.value.department).toBe("Finance and control");
    const blank = submitEdit({ ...edited, status: "ABSENT", department: "   " });
    expect(blank.status === "success" && blank.value.department).toBeUndefined();
    expect(
      submitEdit({ ...edited, status: "ABSENT", department: "x".repeat(61) }).reply().error,
    ).toEqual({ department: ["validation.tooLong?max=60"] });
  });
});
