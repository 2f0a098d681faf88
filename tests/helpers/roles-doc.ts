import { readFileSync } from "node:fs";
import type { CaseRole, Part, Role } from "#app/modules/policy/policy.ts";

/**
 * docs/roles.md's three tables, as the policy's own names, so tests can check
 * the code against the page: what a role may do in the organisation, what
 * each part × role makes someone in a case, and what each case role may do.
 */
type Table = { columns: string[]; rows: Record<string, Record<string, string>> };

function tables(markdown: string): Map<string, Table> {
  const found = new Map<string, Table>();
  const cells = (line: string) =>
    line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim());
  let block: string[] = [];
  for (const line of [...markdown.split("\n"), ""]) {
    if (line.startsWith("|")) {
      block.push(line);
      continue;
    }
    if (block.length > 2) {
      const [title = "", ...columns] = cells(block[0] ?? "");
      const rows = Object.fromEntries(
        block.slice(2).map((row) => {
          const [label = "", ...values] = cells(row);
          return [label, Object.fromEntries(columns.map((column, i) => [column, values[i] ?? ""]))];
        }),
      );
      found.set(title, { columns, rows });
    }
    block = [];
  }
  return found;
}

function table(all: Map<string, Table>, title: string): Table {
  const found = all.get(title);
  if (!found) throw new Error(`docs/roles.md has no table headed "${title}"`);
  return found;
}

export function documentedRoles() {
  const all = tables(readFileSync("docs/roles.md", "utf8"));
  const organisation = table(all, "Action");
  const parts = table(all, "Part in the case");
  const caseActions = table(all, "Case action");
  return {
    /** { action: { role: allowed } } */
    organisation: Object.fromEntries(
      Object.entries(organisation.rows).map(([action, row]) => [
        action,
        Object.fromEntries(Object.entries(row).map(([role, cell]) => [role, cell === "yes"])),
      ]),
    ) as Record<string, Record<Role, boolean>>,
    organisationColumns: organisation.columns,
    /** { part: { role: case role } } */
    caseRoles: Object.fromEntries(
      Object.entries(parts.rows).map(([part, row]) => [
        part.toUpperCase(),
        Object.fromEntries(
          Object.entries(row).map(([role, cell]) => [role, cell.toUpperCase() as CaseRole]),
        ),
      ]),
    ) as Record<Part, Record<Role, CaseRole>>,
    caseRoleColumns: parts.columns,
    /** { action: { case role: allowed } } */
    caseActions: Object.fromEntries(
      Object.entries(caseActions.rows).map(([action, row]) => [
        action,
        Object.fromEntries(
          Object.entries(row).map(([caseRole, cell]) => [caseRole.toUpperCase(), cell === "yes"]),
        ),
      ]),
    ) as Record<string, Record<CaseRole, boolean>>,
    caseActionColumns: caseActions.columns.map((column) => column.toUpperCase()),
  };
}
