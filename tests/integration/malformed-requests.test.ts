import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeEach, describe, expect, test } from "vitest";
import { Prisma } from "#app/generated/prisma/client.ts";
import { createSession } from "#app/modules/auth/session.server.ts";
import { priceLookupKey, stripe } from "#app/modules/billing/stripe.server.ts";
import { isoDay } from "#app/modules/dates.ts";
import { db } from "#app/modules/db.server.ts";
import { loadGuides } from "#app/modules/guides/guides.server.ts";
import {
  fileUploads,
  machineEndpoints,
  maxBodyBytes,
} from "#app/modules/http/request-guard.server.ts";
import routes from "#app/routes.ts";
import { agreeAllAs, liveAgreement, prepareAs } from "#tests/helpers/agreements.ts";
import { createCaseTeam, planOf, proposeAs } from "#tests/helpers/cases.ts";
import { createOpenInvitation } from "#tests/helpers/factories.ts";
import { type Answer, callRoute, toastOf } from "#tests/helpers/route-args.ts";
import { mockServer } from "#tests/mocks/server.ts";
import { stripeHandlers } from "#tests/mocks/stripe.ts";

/**
 * Malformed requests against every route of app/routes.ts (so a route added
 * later is covered too), through the same middleware chain as the server, as
 * a signed-out visitor and as members of every role (and of another
 * organisation). None may answer 500. A request the guard must refuse (not a
 * form, a NUL byte, too large, from another site) must get exactly its 4xx;
 * any other malformed request (impossible dates, out-of-range numbers, bad
 * ids, missing fields, unknown intents, overlong text, bad cookies) may show
 * the form again or refuse, but whatever does not report success must leave
 * every table exactly as it was. Requests come from fast-check with a fixed
 * seed (FUZZ_SEED to explore others), so a failure can be replayed.
 */
const seed = Number(process.env.FUZZ_SEED ?? 20261129);
const runsPerRouteAndActor = { guarded: 6, fields: 16, loader: 4 };

const team = await createCaseTeam("Fuzz BV");
const other = await createCaseTeam("Elsewhere BV");
const caseId = team.record.id;
for (const [kind, fields] of [
  ["SCHEDULE_PHASE", { startWeek: "1", hoursPerWeek: "8" }],
  ["SCHEDULE_PHASE", { startWeek: "104", hoursPerWeek: "8" }],
  ["REVIEW", { date: isoDay(7) }],
] as const)
  await proposeAs(team.manager.cookie, caseId, kind, fields);
const [item] = (await planOf(team.manager.cookie, caseId)).items;
// An agreed version made ready to sign, and a passport, so their pages have something to refuse.
await agreeAllAs(team.employee, caseId, "EMPLOYEE");
await prepareAs(team.manager.cookie, caseId);
const agreement = await liveAgreement(caseId);
const passport = await db.adjustmentPassport.create({
  data: {
    organizationId: team.organization.id,
    caseId,
    employeeId: team.employee.user.id,
    language: "en",
    sealed: new Uint8Array(agreement.document),
    sealedHash: "f".repeat(64),
    verifyCode: "fuzz-passport-code",
    contents: { items: [] },
  },
});
const conversation = await db.conversation.create({
  data: {
    organizationId: team.organization.id,
    caseId,
    guideId: "first-conversation",
    guideHash: "h",
    guide: (await loadGuides())["first-conversation"] as object,
    startedById: team.manager.user.id,
  },
});
const { invitation } = await createOpenInvitation(team.organization.id, team.hr.user.id);
// The employee's copy of their data, ready to download.
const dataExport = await db.dataExport.create({
  data: {
    userId: team.employee.user.id,
    status: "READY",
    zip: new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]),
    size: 22,
    readyAt: new Date(),
    expiresAt: new Date(Date.now() + 86_400_000),
  },
});
// No Stripe key here: the development simulator answers, and its pages are served.
const customer = await stripe().customers.create({ name: "Fuzz BV" });
const [price] = (await stripe().prices.list({ lookup_keys: [priceLookupKey("month", "eur")] }))
  .data;
const checkout = await stripe().checkout.sessions.create({
  mode: "subscription",
  customer: customer.id,
  line_items: [{ price: price?.id ?? "", quantity: 1 }],
  success_url: "http://localhost:3000/billing?checkout=done",
  cancel_url: "http://localhost:3000/billing",
});
// The simulator's webhooks reach the app's route, as in the browser.
beforeEach(() => mockServer.use(...stripeHandlers()));

/** Values for each route parameter: the real one, and ids that must not work. */
const badIds = [
  "does-not-exist",
  "c".repeat(25),
  "x".repeat(3000),
  "🙂‮évil",
  "1 OR 1=1",
  "../../etc/passwd",
  "%E0%A4%A",
  "x\u0000",
];
const params: Record<string, string[]> = {
  caseId: [caseId, other.record.id, ...badIds],
  itemId: [item?.id ?? "", ...badIds],
  number: ["1", "0", "-1", "2147483648", "1e400", "NaN", ...badIds],
  membershipId: [team.employee.membership.id, other.employee.membership.id, ...badIds],
  invitationId: [invitation.id, ...badIds],
  agreementId: [agreement.id, ...badIds],
  passportId: [passport.id, ...badIds],
  code: [agreement.verifyCode, ...badIds],
  conversationId: [conversation.id, ...badIds],
  guideId: ["first-conversation", ...badIds],
  pageId: ["nl-rights", ...badIds],
  // The Stripe simulator's pages: a real checkout session (a portal page finds none by it).
  sessionId: [checkout.id, ...badIds],
  invoiceId: ["in_does_not_exist", ...badIds],
  file: [`${"a".repeat(32)}.ics`, "x.ics", ...badIds],
  exportId: [dataExport.id, ...badIds],
};

/**
 * Every form field and intent the app reads. The test below fails when the
 * app reads one that is missing here, so new fields are fuzzed too.
 */
const fieldNames = (
  "intent kind itemId lockVersion reason accept catalogueId title details owner startDate " +
  "reviewDate stage stageReason area effects whatHelps whatIsHard startWeek hoursPerWeek days " +
  "tasksIncluded tasksExcluded topic text frequency whoTells date note body share scope " +
  "granted noteId capacities expectedDuration advisedAdjustments advisedSchedule " +
  "nextConsultation versionNumber outcome remarks shareWithEmployee email password name code " +
  "token redirectTo language organizationId organizationName role employeeId employeeEmail " +
  "managerId physicianId country startKind status closedReason currentPassword newPassword " +
  "documentHash typedName statement drawing proof items helps hard file " +
  "guideId plannedFor outcomeId stepId interval vatId startsOn endsOn event on ruleId " +
  "occurrence doneOn id energy workload planFit comment sharing weekStart hours done undo absence " +
  "rhythm plannedAt time understood months newOwner ownRole confirm confirmName " +
  "secondFactorCode required closedCategory department checked"
).split(" ");
// Real intents, and some that are not (none at all is tried too).
const intents = [
  "",
  ...(
    "propose propose-advised repeat-phase step-back-phase agree decline withdraw " +
    "propose-removal answer-removal advice review medical-note consent delete resend revoke change-role " +
    "remove change-password sign-out-everywhere verify add amend-medical-note withdraw-medical-note " +
    "prepare sign send-code make start save-notes propose-outcome held add-topic " +
    "save-preparation react note preparation subscribe manage pay cancel fail-renewal " +
    "stop-retrying done undo absence event remove-absence remove-event renew stop " +
    "check-in record-hours ask-review save-reminders rhythm erase-account set-retention " +
    "request-export transfer schedule-deletion cancel-deletion " +
    "start-two-factor confirm-two-factor new-recovery-codes turn-off-two-factor require-two-factor " +
    "reset-two-factor " +
    "nonsense PROPOSE"
  ).split(" "),
];

/** Values no field should accept as they are. */
const badText = [
  "",
  " ",
  "x".repeat(5000),
  "x".repeat(120_000),
  "<script>alert(1)</script>",
  '\'; DROP TABLE "Case"; --',
  "\u202e\u0301\ufeff",
  "🙂".repeat(2000),
  "%00",
  "null",
  "[object Object]",
];
const badNumbers = [
  "2147483648",
  "-2147483649",
  "9007199254740993",
  "1e400",
  "-1",
  "NaN",
  "Infinity",
  "105",
  "60.25",
  "abc",
];
const badDates = [
  "2026-02-45",
  "20260-01-01",
  "0000-00-00",
  "2099-01-01",
  "2020-01-01",
  "2026-13-01",
  "2026-1-1",
  "31-12-2026",
  "2026-02-29",
  "2026-02-28T00:00",
];
const badEmails = [
  "a@",
  "@b.nl",
  "a b@c.nl",
  `${"x".repeat(300)}@example.com`,
  "anna@example",
  "anna@@example.com",
];
const badRedirects = [
  "//evil.example",
  "/\t/evil.example",
  "/\n/x",
  "/。evil",
  "https://evil.example",
  "javascript:alert(1)",
  "/\\evil",
];
/** Values that are valid somewhere (kinds, roles, languages, real ids), so requests get past the first check. */
const structural = [
  ...(
    "CAPACITY ADJUSTMENT SCHEDULE_PHASE AGREEMENT REVIEW OWNER HR MANAGER EMPLOYEE PHYSICIAN " +
    "nl en fr xx yes no on NOTES_TO_PHYSICIAN CAPACITIES_TO_EMPLOYER REVIEWED CONCERNS planned " +
    "stopped contact personal NL BE CLOSED ABSENCE A04 X99 RETURNED_OWN_WORK NOT_ABLE_TO_RETURN"
  ).split(" "),
  item?.id ?? "",
  invitation.id,
  agreement.documentHash,
  "password",
  other.record.id,
  team.manager.user.id,
  other.manager.user.id,
  team.employee.membership.id,
  other.employee.membership.id,
];
const anyValue = fc.constantFrom(
  ...badText,
  ...badNumbers,
  ...badDates,
  ...badEmails,
  ...badRedirects,
  ...badIds.filter((id) => !id.includes("\u0000")),
  ...structural,
);
const fieldsArbitrary = fc
  .array(fc.tuple(fc.constantFrom(...fieldNames), anyValue), { maxLength: 10 })
  .chain((fields) =>
    fc
      .option(fc.constantFrom(...intents), { nil: undefined })
      .map((intent) =>
        intent === undefined ? fields : [["intent", intent] as [string, string], ...fields],
      ),
  );

/** Cookies besides the actor's own: planted, broken or stale. */
const cookieNoise = fc.constantFrom(
  "",
  "werkpad_session=%E0%A4%A",
  "werkpad_lang=%E0%A4%A",
  "werkpad_toast=%E0%A4%A",
  "werkpad_toast=bm90IGpzb24",
  "werkpad_lang=xx; werkpad_session=",
  `werkpad_session=${"a".repeat(5000)}`,
  // A sign-in halfway (two-factor): broken, or a token that matches nothing.
  "werkpad_signin=%E0%A4%A",
  `werkpad_signin=${"b".repeat(32)}`,
);

type Spec = {
  category: string;
  /** Status the guard must answer, when it must refuse. */
  expect?: number;
  method: "POST" | "GET";
  paramChoice: number;
  suffix:
    | ""
    | ".data"
    | "?index"
    | "?q=%00"
    | "?redirectTo=%0a//evil"
    | "?token=%ZZ"
    | "?year=1e400&department=%E2%80%AE&year=";
  headers: Record<string, string>;
  body?: BodyInit;
  cookieNoise: string;
};

const urlencoded = (fields: Array<[string, string]>) => new URLSearchParams(fields).toString();
const base = {
  paramChoice: fc.nat(20),
  suffix: fc.constantFrom<Spec["suffix"]>("", "", ".data", "?index"),
  cookieNoise,
};
const form = { "Content-Type": "application/x-www-form-urlencoded" };

/** Requests the guard must refuse, whatever route and person. */
const guarded: fc.Arbitrary<Spec> = fc.oneof(
  fc
    .record({
      ...base,
      body: fc.constantFrom<[string, Record<string, string>]>(
        ['{"intent":"propose"}', { "Content-Type": "application/json" }],
        ["intent=propose", { "Content-Type": "text/plain" }],
        ["intent=propose", {}],
        ["intent=propose", { "Content-Type": "multipart/form-data" }],
        [
          '--b\r\nContent-Disposition: form-data; name="intent"\r\n\r\npro',
          { "Content-Type": "multipart/form-data; boundary=b" },
        ],
        [
          '--b\r\nContent-Disposition: form-data; name="body"; filename="a.txt"\r\n\r\nx\r\n--b--\r\n',
          { "Content-Type": "multipart/form-data; boundary=b" },
        ],
        ["\u0000\u0001binary", { "Content-Type": "application/octet-stream" }],
      ),
    })
    .map(({ body: [body, headers], ...rest }) => ({
      ...rest,
      category: "not a form",
      expect: 400,
      method: "POST" as const,
      headers,
      body,
    })),
  fc
    .record({
      ...base,
      fields: fieldsArbitrary,
      name: fc.constantFrom(...fieldNames),
      where: fc.constantFrom("value", "name"),
    })
    .map(({ fields, name, where, ...rest }) => ({
      ...rest,
      category: "NUL byte in a field",
      expect: 400,
      method: "POST" as const,
      headers: form,
      body: urlencoded([
        ...fields,
        where === "value" ? [name, "a\u0000b"] : [`${name}\u0000`, "x"],
      ]),
    })),
  fc.record({ ...base, suffix: fc.constant<Spec["suffix"]>("?q=%00") }).map((rest) => ({
    ...rest,
    category: "NUL byte in the address",
    expect: 400,
    method: "POST" as const,
    headers: form,
    body: "intent=propose",
  })),
  fc.record(base).map((rest) => ({
    ...rest,
    category: "too large",
    expect: 413,
    method: "POST" as const,
    headers: form,
    body: `body=${"x".repeat(maxBodyBytes)}`,
  })),
  fc
    .record({
      ...base,
      fields: fieldsArbitrary,
      from: fc.constantFrom<Record<string, string>>(
        { Origin: "https://evil.example" },
        { Origin: "null" },
        { "Sec-Fetch-Site": "cross-site" },
        { "Sec-Fetch-Site": "same-site" },
        { Referer: "https://evil.example/" },
      ),
    })
    .map(({ fields, from, ...rest }) => ({
      ...rest,
      category: "from another site",
      expect: 403,
      method: "POST" as const,
      headers: { ...form, ...from },
      body: urlencoded(fields),
    })),
);

/** Well-formed forms with bad content: the route itself must refuse them. */
const fieldLevel: fc.Arbitrary<Spec> = fc
  .record({ ...base, fields: fieldsArbitrary, repeat: fc.boolean() })
  .map(({ fields, repeat, ...rest }) => ({
    ...rest,
    category: "bad fields",
    method: "POST" as const,
    headers: { ...form, Origin: "http://localhost:3000" },
    // Repeated fields: arrays where one value is expected.
    body: urlencoded(repeat ? [...fields, ...fields] : fields),
  }));

const loaderRequest: fc.Arbitrary<Spec> = fc
  .record({
    ...base,
    suffix: fc.constantFrom<Spec["suffix"]>(
      "",
      ".data",
      "?q=%00",
      "?redirectTo=%0a//evil",
      "?token=%ZZ",
      // Filters no page makes (the insights' year and department).
      "?year=1e400&department=%E2%80%AE&year=",
    ),
  })
  .map((rest) => ({
    ...rest,
    category: "a visit",
    expect: rest.suffix === "?q=%00" ? 400 : undefined,
    method: "GET" as const,
    headers: {},
  }));

type RouteEntry = { path?: string; index?: boolean; file: string };
type Handler = (args: never) => unknown;

function addressOf(route: RouteEntry, choice: number) {
  const pattern = route.index ? "" : (route.path ?? "");
  const names = [...pattern.matchAll(/:(\w+)/g)].map((match) => match[1] ?? "");
  const values: Record<string, string> = {};
  for (const name of names) {
    const options = params[name];
    if (!options)
      throw new Error(
        `The fuzz test does not know values for :${name} (${pattern}); add them to its params.`,
      );
    // The real value half the time, so actions get past their first look-up.
    values[name] = choice % 2 === 0 ? (options[0] ?? "") : (options[choice % options.length] ?? "");
  }
  const address = `/${pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ""))}`;
  return { address: pattern === "*" ? "/no/such/page" : address, values };
}

/**
 * A fingerprint of every table that changes with any insert, update or
 * delete: its row count and the newest row version (PostgreSQL's xmin; an
 * update writes a new row version).
 */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = Object.values(Prisma.ModelName);
  const rows = await db.$queryRawUnsafe<Array<{ table: string; state: string }>>(
    tables
      .map(
        (table) =>
          `SELECT '${table}' AS "table", count(*) || ':' || coalesce(max(xmin::text::bigint), 0) AS state FROM "${table}"`,
      )
      .join(" UNION ALL "),
  );
  return Object.fromEntries(rows.map((row) => [row.table, row.state]));
}

/**
 * The next transaction id PostgreSQL will hand out. A transaction gets one
 * only when it writes, so while this stays the same nothing was written
 * anywhere, and the per-table fingerprint need not be taken.
 */
async function nextTransactionId(): Promise<string> {
  const [row] = await db.$queryRawUnsafe<Array<{ next: string }>>(
    "SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next",
  );
  return row?.next ?? "";
}

const reportedSuccess = (answer: Answer) =>
  answer.status >= 300 && answer.status < 400 && toastOf(answer)?.kind !== "error";

const actors = {
  "signed out": null,
  owner: team.owner,
  HR: team.hr,
  manager: team.manager,
  employee: team.employee,
  physician: team.physician,
  "another organisation's owner": other.owner,
} as const;

type Failure = { route: string; actor: string; spec: Spec; problem: string };
const counts = { requests: 0 };
/** The tables as they were after the last request (or the last deliberate change). */
let known = { tables: {} as Record<string, string>, next: "" };
const takeStock = async () => ({ tables: await fingerprint(), next: await nextTransactionId() });

async function send(
  route: RouteEntry,
  handler: Handler,
  actor: keyof typeof actors,
  cookie: string | null,
  spec: Spec,
  failures: Failure[],
  checkData: boolean,
) {
  const { address, values } = addressOf(route, spec.paramChoice);
  const url = new URL(`${address}${spec.suffix}`, "http://localhost");
  const cookies = [spec.cookieNoise, cookie].filter(Boolean).join("; ");
  const request = new Request(url, {
    method: spec.method,
    headers: { ...spec.headers, ...(cookies ? { Cookie: cookies } : {}) },
    body: spec.method === "POST" ? spec.body : undefined,
  });
  counts.requests++;
  const fail = (problem: string) =>
    failures.push({ route: route.path ?? "(index)", actor, spec, problem });
  let answer: Answer;
  try {
    answer = await callRoute(handler, request, values);
  } catch (error) {
    fail(
      `500: ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 300)}` : String(error)}`,
    );
    return;
  }
  if (answer.status >= 500) fail(`answered ${answer.status}`);
  // The guard's order: another site (403) first, then the address (400), then the body.
  const badAddress = /%00/.test(url.pathname + url.search);
  // A form that takes a file (/verify), and Stripe's webhook, take bodies larger than the usual limit.
  const takesFiles =
    Object.hasOwn(fileUploads, `/${route.path}`) ||
    Object.hasOwn(machineEndpoints, `/${route.path}`);
  const expected =
    spec.expect === 403
      ? 403
      : badAddress
        ? 400
        : spec.expect === 413 && takesFiles
          ? undefined
          : spec.expect;
  if (expected !== undefined && answer.status !== expected)
    fail(`answered ${answer.status}, expected ${expected}`);
  if (checkData && (await nextTransactionId()) !== known.next) {
    const after = await takeStock();
    const changed = Object.keys(after.tables).filter(
      (table) => after.tables[table] !== known.tables[table],
    );
    if (changed.length > 0 && !reportedSuccess(answer))
      fail(`answered ${answer.status} but changed ${changed.join(", ")}`);
    known = after;
  }
}

const pages = routes as RouteEntry[];

describe("malformed requests against every route", () => {
  test("the fuzz vocabulary covers every field and intent the app reads", () => {
    // Everything that reads a request, not the schemas of the environment, the toast cookie or the catalogue files.
    const notForms = [
      "generated",
      "locales",
      "catalog",
      // Content and its schemas (templates/), not forms.
      "content",
      "guides",
      "hub",
      "timelines",
      "env.server.ts",
      "toast.ts",
      // Job payloads are written by the app itself, never read from a request.
      "jobs",
      "email-payload.ts",
      // The Stripe simulator reads Stripe's API parameters, sent by the SDK, not forms.
      "simulator.server.ts",
    ];
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (notForms.includes(entry.name)) continue;
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
          sources.push(readFileSync(file, "utf8"));
      }
    };
    walk("app");
    const all = sources.join("\n");
    const read = new Set([
      ...[...all.matchAll(/(?:formData|form)\.get(?:All)?\("(\w+)"\)/g)].map((m) => m[1]),
      ...[
        ...all.matchAll(
          /^\s+(\w+): (?:z\.[a-z]\w*\(|required\w*\(|optional\w*\(|text\(|wholeNumber\(|nameField|passwordField|currentPasswordField)/gm,
        ),
      ].map((m) => m[1]),
    ]);
    const readIntents = new Set([
      ...[...all.matchAll(/intent === "([\w-]+)"/g)].map((m) => m[1]),
      ...[...all.matchAll(/name="intent"[^>]*?value="([\w-]+)"/g)].map((m) => m[1]),
      ...[...all.matchAll(/value="([\w-]+)"[^>]*?name="intent"/g)].map((m) => m[1]),
    ]);
    const missingFields = [...read].filter((name) => name && !fieldNames.includes(name));
    const missingIntents = [...readIntents].filter((name) => name && !intents.includes(name));
    expect(missingFields, "add these fields to fieldNames").toEqual([]);
    expect(missingIntents, "add these intents to intents").toEqual([]);
  });

  const everyRoute: Array<[string, RouteEntry]> = pages.map((route) => [
    route.index ? "/" : `/${route.path}`,
    route,
  ]);

  test.each(everyRoute)("%s", async (_name, route) => {
    const module = (await import(`#app/${route.file}`)) as { action?: Handler; loader?: Handler };
    const failures: Failure[] = [];
    let index = 0;
    for (const [actor, member] of Object.entries(actors) as Array<
      [keyof typeof actors, (typeof actors)[keyof typeof actors]]
    >) {
      // A fresh session per route, as a fuzzed request may sign the person out.
      const cookie = member
        ? `werkpad_session=${(await createSession(member.user.id, member.membership.organizationId)).token}`
        : null;
      const runSeed = seed + index++ * 7919 + route.file.length;
      known = await takeStock();
      if (module.action) {
        for (const spec of fc.sample(guarded, {
          numRuns: runsPerRouteAndActor.guarded,
          seed: runSeed,
        }))
          await send(route, module.action, actor, cookie, spec, failures, true);
        for (const spec of fc.sample(fieldLevel, {
          numRuns: runsPerRouteAndActor.fields,
          seed: runSeed + 1,
        }))
          await send(route, module.action, actor, cookie, spec, failures, true);
      }
      if (module.loader) {
        for (const spec of fc.sample(loaderRequest, {
          numRuns: runsPerRouteAndActor.loader,
          seed: runSeed + 2,
        }))
          await send(route, module.loader, actor, cookie, spec, failures, false);
      }
    }
    expect(
      failures.map(
        ({ route, actor, spec, problem }) =>
          `${route} as ${actor}: ${problem}\n  ${spec.category} ${spec.method} ${spec.suffix} ${JSON.stringify(spec.headers)} ${String(spec.body).slice(0, 300)}`,
      ),
      `seed ${seed}`,
    ).toEqual([]);
  });

  test("the change detector sees a write the moment it happens", async () => {
    const before = await takeStock();
    await db.organization.update({
      where: { id: other.organization.id },
      data: { name: "Elsewhere B.V." },
    });
    const after = await takeStock();
    expect(after.next).not.toBe(before.next);
    expect(after.tables.Organization).not.toBe(before.tables.Organization);
    expect(after.tables.Case).toBe(before.tables.Case);
  });

  test("thousands of requests were sent", () => {
    expect(counts.requests).toBeGreaterThan(3000);
  });
});
