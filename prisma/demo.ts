/**
 * Who the demo data holds: shared by the seed and the browser tests, which
 * sign in as these people. No side effects (importing the seed runs it).
 */
/** Every demo account signs in with this password (or with an e-mailed link). */
export const demoPassword = "tulips bloom on tuesday";

type Role = "OWNER" | "HR" | "MANAGER" | "EMPLOYEE" | "PHYSICIAN";
type Language = "nl" | "en" | "fr";

export const demoOrganizations = [
  { id: "demo-org-nl", name: "Bouwbedrijf De Linde B.V.", country: "NL", language: "nl" },
  { id: "demo-org-be", name: "Drukkerij Schelde BV", country: "BE", language: "fr" },
] as const;

export const demoPeople: Array<{
  email: string;
  name: string;
  language: Language;
  memberships: Array<{ organizationId: string; role: Role }>;
}> = [
  {
    email: "owner@demo.werkpad.test",
    name: "Sanne Bakker",
    language: "nl",
    memberships: [{ organizationId: "demo-org-nl", role: "OWNER" }],
  },
  {
    email: "hr@demo.werkpad.test",
    name: "Hanneke de Vries",
    language: "nl",
    memberships: [{ organizationId: "demo-org-nl", role: "HR" }],
  },
  {
    // HR, and the employee of a case of her own: she uses Werkpad as an employee there.
    email: "hr.employee@demo.werkpad.test",
    name: "Fatma Yilmaz",
    language: "nl",
    memberships: [{ organizationId: "demo-org-nl", role: "HR" }],
  },
  {
    email: "manager@demo.werkpad.test",
    name: "Mark Jansen",
    language: "nl",
    memberships: [{ organizationId: "demo-org-nl", role: "MANAGER" }],
  },
  {
    email: "employee@demo.werkpad.test",
    name: "Eva Visser",
    language: "nl",
    memberships: [{ organizationId: "demo-org-nl", role: "EMPLOYEE" }],
  },
  {
    email: "physician@demo.werkpad.test",
    name: "Dr. Pieter Smit",
    language: "nl",
    memberships: [
      { organizationId: "demo-org-nl", role: "PHYSICIAN" },
      { organizationId: "demo-org-be", role: "PHYSICIAN" },
    ],
  },
  {
    email: "hr.be@demo.werkpad.test",
    name: "Lotte Peeters",
    language: "nl",
    memberships: [{ organizationId: "demo-org-be", role: "OWNER" }],
  },
  {
    email: "manager.be@demo.werkpad.test",
    name: "Jonas Claes",
    language: "nl",
    memberships: [{ organizationId: "demo-org-be", role: "MANAGER" }],
  },
  {
    email: "employee.be@demo.werkpad.test",
    name: "Amélie Dubois",
    language: "fr",
    memberships: [{ organizationId: "demo-org-be", role: "EMPLOYEE" }],
  },
  {
    email: "employee2.be@demo.werkpad.test",
    name: "Lucas Lefèvre",
    language: "fr",
    memberships: [{ organizationId: "demo-org-be", role: "EMPLOYEE" }],
  },
];
