import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form, Link, useLocation, useSearchParams } from "react-router";
import { type DeclineReply, ItemCard } from "#app/components/plan/item-card.tsx";
import { ItemFields } from "#app/components/plan/item-fields.tsx";
import { PhysicianSection } from "#app/components/plan/physician-section.tsx";
import { ScheduleTimeline } from "#app/components/plan/schedule-timeline.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { FormError } from "#app/components/ui/form-error.tsx";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { partiesOf } from "#app/modules/cases/cases.server.ts";
import { loadCatalogue } from "#app/modules/catalog/catalog.server.ts";
import { searchAdjustments, suggestAdjustments } from "#app/modules/catalog/catalog.ts";
import { type CatalogueView, catalogueIn } from "#app/modules/catalog/view.ts";
import { forbidden, notFound } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { adviceFor, reviewsOf } from "#app/modules/physician/physician.server.ts";
import type { Side } from "#app/modules/plans/agreement.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { catalogueProblems } from "#app/modules/plans/catalogue-check.server.ts";
import { contentSchemas, type ItemKind, itemKinds } from "#app/modules/plans/content.ts";
import { type Answer, answerItem, loadPlan, proposeItem } from "#app/modules/plans/plans.server.ts";
import { repeatPhase } from "#app/modules/plans/schedule.server.ts";
import { can } from "#app/modules/policy/policy.ts";
import type { Route } from "./+types/cases.$caseId";

export async function loader(args: Route.LoaderArgs) {
  const { member, tdb, record, side } = await requireCase(args, { recordView: true });
  const language = languageOfRequest(args.request);
  const [plan, catalogue, advice, reviews] = await Promise.all([
    loadPlan(tdb, record.id),
    loadCatalogue(),
    adviceFor(tdb, member.actor, record),
    reviewsOf(tdb, record.id),
  ]);
  const url = new URL(args.request.url);
  const query = url.searchParams.get("q") ?? "";
  const effect = url.searchParams.get("effect") ?? "";
  const chosenEffects = plan.items
    .filter((item) => item.kind === "CAPACITY")
    .flatMap((item) =>
      Array.isArray(item.content.effects) ? item.content.effects.map(String) : [],
    );
  const proposed = new Set(plan.items.map((item) => String(item.content.catalogueId ?? "")));
  return {
    caseView: {
      id: record.id,
      kind: record.kind,
      country: record.country,
      status: record.status,
      employeeName: record.employee?.name ?? null,
      invitedEmail: record.invitedEmail,
      managerName: record.manager.name,
      physicianName: record.physician?.name ?? null,
      isEmployee: member.actor.userId === record.employeeId,
      isPhysician: member.actor.userId === record.physicianId,
    },
    advice,
    latestReview: plan.versions[0] ? (reviews[plan.versions[0].number] ?? null) : null,
    side,
    mayManage: can(member.actor, "case.manage", partiesOf(record)),
    plan,
    catalogue: catalogueIn(catalogue, language),
    search: {
      query,
      effect,
      results:
        query || effect
          ? searchAdjustments(catalogue, { query, effects: effect ? [effect] : [], language }).map(
              (a) => a.id,
            )
          : null,
    },
    suggested: suggestAdjustments(catalogue, chosenEffects)
      .filter((adjustment) => !proposed.has(adjustment.id))
      .slice(0, 6)
      .map((adjustment) => adjustment.id),
  };
}

const answers = ["agree", "decline", "withdraw", "propose-removal", "answer-removal"] as const;

export async function action(args: Route.ActionArgs) {
  const { member, tdb, record, side } = await requireCase(args);
  // Seeing a case is not negotiating it: the physician reads, the two sides answer.
  if (!side) forbidden();
  const formData = await args.request.formData();
  const intent = String(formData.get("intent") ?? "");
  const client = clientOf(args);
  const here = `/cases/${record.id}`;

  if (intent === "propose") {
    const kind = String(formData.get("kind") ?? "") as ItemKind;
    if (!itemKinds.includes(kind)) notFound();
    const submission = parseWithZod(formData, { schema: contentSchemas[kind] });
    if (submission.status !== "success") return { form: kind, reply: submission.reply() };
    const problems = await catalogueProblems(kind, submission.value);
    if (problems) return { form: kind, reply: submission.reply({ fieldErrors: problems }) };
    const result = await proposeItem(
      tdb,
      member.actor,
      record,
      kind,
      submission.value as never,
      client,
    );
    if (result.status === "refused")
      return {
        form: kind,
        reply: submission.reply({ formErrors: [`plans:refusals.${result.refusal}`] }),
      };
    return redirectWithToast(`${here}#item-${result.itemId}`, {
      kind: "success",
      message: "plans:proposed",
    });
  }

  if (intent === "propose-advised") {
    // One click: an adjustment the physician advised becomes this side's proposal.
    const catalogueId = String(formData.get("catalogueId") ?? "");
    const content = {
      catalogueId,
      title: undefined,
      details: undefined,
      owner: record.manager.name,
      startDate: new Date().toISOString().slice(0, 10),
      stage: "planned" as const,
      stageReason: undefined,
    };
    if (await catalogueProblems("ADJUSTMENT", content)) notFound();
    const result = await proposeItem(tdb, member.actor, record, "ADJUSTMENT", content, client);
    if (result.status === "refused") forbidden();
    return redirectWithToast(`${here}#item-${result.itemId}`, {
      kind: "success",
      message: "physician:section.addedToPlan",
    });
  }

  if (intent === "repeat-phase" || intent === "step-back-phase") {
    const result = await repeatPhase(
      tdb,
      member.actor,
      record,
      String(formData.get("itemId")),
      intent === "step-back-phase",
      client,
    );
    if (result.status === "refused") {
      return redirectWithToast(here, {
        kind: "error",
        message: `plans:refusals.${result.refusal}`,
      });
    }
    return redirectWithToast(`${here}#schedule`, { kind: "success", message: "plans:proposed" });
  }

  if (!(answers as readonly string[]).includes(intent)) notFound();
  if (intent === "decline" && !String(formData.get("reason") ?? "").trim()) {
    const itemId = String(formData.get("itemId") ?? "");
    return {
      decline: { itemId, errors: ["plans:refusals.reason-required"] },
    } satisfies DeclineReply;
  }
  const answer: Answer =
    intent === "decline"
      ? { type: "decline", reason: String(formData.get("reason") ?? "").slice(0, 500) }
      : intent === "answer-removal"
        ? { type: "answer-removal", accept: formData.get("accept") === "yes" }
        : { type: intent as "agree" | "withdraw" | "propose-removal" };
  const itemId = String(formData.get("itemId") ?? "");
  const result = await answerItem(
    tdb,
    member.actor,
    record,
    itemId,
    Number(formData.get("lockVersion")),
    answer,
    client,
  );
  if (result.status === "refused" && result.refusal === "not-found") notFound();
  if (result.status === "conflict") {
    return redirectWithToast(`${here}#item-${itemId}`, {
      kind: "error",
      message: "plans:conflict.answerStale",
    });
  }
  if (result.status === "refused") {
    return redirectWithToast(`${here}#item-${itemId}`, {
      kind: "error",
      message: `plans:refusals.${result.refusal}`,
    });
  }
  if (result.agreedVersion) {
    return redirectWithToast(here, {
      kind: "success",
      message: "plans:actions.planAgreed",
      values: { number: String(result.agreedVersion) },
    });
  }
  const done = {
    agree: "agreed",
    decline: "declined",
    withdraw: "withdrawn",
    "propose-removal": "removalProposed",
    "answer-removal": answer.type === "answer-removal" && answer.accept ? "removed" : "kept",
  } as const;
  return redirectWithToast(`${here}#item-${itemId}`, {
    kind: "success",
    message: `plans:actions.${done[intent as keyof typeof done]}`,
  });
}

type LoaderData = Route.ComponentProps["loaderData"];

export default function CasePlan({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("plans");
  const { t: tc } = useTranslation("cases");
  const { t: ta } = useTranslation("auth");
  const { caseView, side, plan, mayManage } = loaderData;
  const employeeName = caseView.employeeName ?? caseView.invitedEmail ?? "";
  const title = caseView.isEmployee
    ? t("titleOwn")
    : caseView.employeeName
      ? t("title", { name: caseView.employeeName })
      : t("titleInvited", { email: caseView.invitedEmail ?? "" });
  const latest = plan.versions[0];
  const waitingForMe = plan.items.filter((item) => side && item.awaiting === side).length;
  const waitingForOther = plan.items.filter(
    (item) => item.awaiting && item.awaiting !== side,
  ).length;
  const date = (value: Date | string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" }).format(new Date(value));
  const otherSideName = side === "EMPLOYER" ? employeeName : t("sides.EMPLOYER");

  return (
    <div className="flex flex-col gap-8">
      <header className="flex flex-col gap-2">
        <title>{`${title} · Werkpad`}</title>
        <h1 className="text-3xl font-bold tracking-tight text-ink">{title}</h1>
        <p className="text-lg text-muted">
          {t("facts", {
            kind: tc(`kinds.${caseView.kind}`),
            country: ta(`countries.${caseView.country}`),
            status: tc(`statuses.${caseView.status}`),
          })}
        </p>
        <p className="text-muted">
          {t("people", {
            manager: caseView.managerName,
            physician: caseView.physicianName ?? t("noPhysician"),
          })}
        </p>
        <nav className="flex flex-wrap gap-3" aria-label={t("historyLink")}>
          {caseView.isEmployee ? (
            <Link to="notes" className="font-semibold text-brand-700 underline">
              {tc("notes.link")}
            </Link>
          ) : null}
          <Link to="versions" className="font-semibold text-brand-700 underline">
            {t("historyLink")}
          </Link>
          {mayManage ? (
            <Link to="edit" className="font-semibold text-brand-700 underline">
              {t("editCase")}
            </Link>
          ) : null}
        </nav>
      </header>

      <section
        aria-labelledby="plan-state"
        className="rounded-xl border border-line bg-surface p-5"
      >
        <h2 id="plan-state" className="text-lg font-semibold">
          {plan.draftNumber === null && latest
            ? t("version.agreed", { number: latest.number, date: date(latest.agreedAt) })
            : latest
              ? t("version.draft", { number: plan.draftNumber })
              : t("version.draftFirst")}
        </h2>
        {latest ? (
          <p className="mt-1 text-sm text-muted">
            {plan.draftNumber !== null ? (
              <>
                <Link
                  to={`versions/${latest.number}`}
                  className="font-semibold text-brand-700 underline"
                >
                  {t("version.readAgreed", { number: latest.number })}
                </Link>{" "}
                ·{" "}
              </>
            ) : null}
            <abbr title={t("version.fingerprintHelp")} className="no-underline">
              {t("version.fingerprint")}
            </abbr>
            {t("punctuation.colon", { ns: "common" })}{" "}
            <code className="font-mono" data-testid="plan-fingerprint">
              {latest.contentHash.slice(0, 16)}
            </code>
          </p>
        ) : null}
        <ul className="mt-3 flex flex-col gap-1">
          {waitingForMe > 0 ? (
            <li className="font-semibold text-brand-800">
              {t("version.waitingForYou", { count: waitingForMe })}
            </li>
          ) : null}
          {waitingForOther > 0 ? (
            <li className="text-muted">
              {t("version.waitingForOther", { count: waitingForOther, side: otherSideName })}
            </li>
          ) : null}
          {plan.items.length === 0 ? (
            <li className="text-muted">{t("version.allAgreedNoItems")}</li>
          ) : null}
        </ul>
      </section>

      <PhysicianSection
        physicianName={caseView.physicianName}
        advice={loaderData.advice}
        latestVersion={latest?.number ?? null}
        draftNumber={plan.draftNumber}
        review={loaderData.latestReview}
        inPlan={plan.items.flatMap((item) =>
          item.kind === "ADJUSTMENT" ? [String(item.content.catalogueId ?? "")] : [],
        )}
        canPropose={side !== null}
        isPhysician={caseView.isPhysician}
        catalogue={loaderData.catalogue}
      />

      {itemKinds.map((kind) => (
        <PlanSection
          key={kind}
          kind={kind}
          loaderData={loaderData}
          side={side}
          employeeName={employeeName}
          lastResult={
            actionData && "form" in actionData && actionData.form === kind
              ? actionData.reply
              : undefined
          }
        />
      ))}
    </div>
  );
}

function PlanSection({
  kind,
  loaderData,
  side,
  employeeName,
  lastResult,
}: {
  kind: ItemKind;
  loaderData: LoaderData;
  side: Side | null;
  employeeName: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("plans");
  const { plan, catalogue, caseView } = loaderData;
  const location = useLocation();
  const items = plan.items.filter((item) => item.kind === kind);
  const sectionId = kind === "SCHEDULE_PHASE" ? "schedule" : kind.toLowerCase();
  return (
    <section
      aria-labelledby={`${sectionId}-heading`}
      id={sectionId}
      className="flex flex-col gap-3"
    >
      <h2 id={`${sectionId}-heading`} className="text-2xl font-bold text-ink">
        {t(`sections.${kind}`)}
      </h2>
      <p className="max-w-3xl text-muted">{t(`sectionIntros.${kind}`)}</p>
      {kind === "SCHEDULE_PHASE" ? (
        <ScheduleTimeline
          phases={items.map((item) => ({
            id: item.id,
            startWeek: Number(item.content.startWeek),
            hoursPerWeek: Number(item.content.hoursPerWeek),
            agreed: item.status.kind === "agreed",
          }))}
        />
      ) : null}
      {items.length === 0 ? <p className="text-muted">{t("empty")}</p> : null}
      <ul className="flex flex-col gap-3">
        {items
          .toSorted((a, b) =>
            kind === "SCHEDULE_PHASE"
              ? Number(a.content.startWeek) - Number(b.content.startWeek)
              : 0,
          )
          .map((item) => (
            <ItemCard
              key={item.id}
              item={item}
              side={side}
              catalogue={catalogue}
              employeeName={employeeName}
              caseId={caseView.id}
              extra={
                kind === "SCHEDULE_PHASE" && side ? (
                  <Form method="post" className="flex flex-wrap gap-2">
                    <input type="hidden" name="itemId" value={item.id} />
                    <Button type="submit" name="intent" value="repeat-phase" variant="ghost">
                      {t("timeline.repeat")}
                    </Button>
                    <Button type="submit" name="intent" value="step-back-phase" variant="ghost">
                      {t("timeline.stepBackAction")}
                    </Button>
                  </Form>
                ) : null
              }
            />
          ))}
      </ul>
      {kind === "ADJUSTMENT" ? <CatalogueFinder loaderData={loaderData} side={side} /> : null}
      {/* A fresh, closed form after every page change, so a sent proposal is not still on screen. */}
      {side ? (
        <AddItem key={location.key} kind={kind} catalogue={catalogue} lastResult={lastResult} />
      ) : null}
    </section>
  );
}

function AddItem({
  kind,
  catalogue,
  lastResult,
}: {
  kind: ItemKind;
  catalogue: CatalogueView;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("plans");
  const [searchParams] = useSearchParams();
  const chosenAdjustment = kind === "ADJUSTMENT" ? searchParams.get("adjustment") : null;
  const today = new Date().toISOString().slice(0, 10);
  const defaults: Record<ItemKind, Record<string, string>> = {
    CAPACITY: { area: "personal" },
    ADJUSTMENT: { catalogueId: chosenAdjustment ?? "", startDate: today, stage: "planned" },
    SCHEDULE_PHASE: {},
    AGREEMENT: { topic: "contact" },
    REVIEW: {},
  };
  const [form, fields] = useForm({
    id: `add-${kind}`,
    lastResult,
    defaultValue: defaults[kind],
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: contentSchemas[kind] }),
  });
  const open = Boolean(lastResult) || Boolean(chosenAdjustment);
  return (
    <details
      open={open}
      className="rounded-xl border border-dashed border-brand-600/50 bg-surface p-4"
    >
      <summary className="cursor-pointer font-semibold text-brand-700">{t(`add.${kind}`)}</summary>
      <Form
        method="post"
        {...getFormProps(form)}
        noValidate
        className="mt-4 flex max-w-2xl flex-col gap-5"
      >
        <input type="hidden" name="intent" value="propose" />
        <input type="hidden" name="kind" value={kind} />
        <FormError errors={form.errors} id={form.errorId} />
        <ItemFields kind={kind} fields={fields as never} catalogue={catalogue} />
        <div>
          <Button type="submit">{t("propose")}</Button>
        </div>
      </Form>
    </details>
  );
}

function CatalogueFinder({ loaderData, side }: { loaderData: LoaderData; side: Side | null }) {
  const { t } = useTranslation("plans");
  const { catalogue, search, suggested } = loaderData;
  const byId = (id: string) => catalogue.adjustments.find((adjustment) => adjustment.id === id);
  const entry = (id: string) => {
    const adjustment = byId(id);
    if (!adjustment) return null;
    return (
      <li key={id} className="rounded-lg border border-line bg-surface p-3">
        <p className="font-semibold">{adjustment.title}</p>
        <p className="text-sm text-muted">{adjustment.description}</p>
        {side ? (
          <Link
            to={`?adjustment=${id}#adjustment`}
            preventScrollReset
            className="mt-1 inline-flex min-h-11 items-center font-semibold text-brand-700 underline"
            aria-label={`${t("catalogue.proposeThis")}: ${adjustment.title}`}
          >
            {t("catalogue.proposeThis")}
          </Link>
        ) : null}
      </li>
    );
  };
  return (
    <div className="flex flex-col gap-4 rounded-xl bg-brand-50 p-4">
      {suggested.length > 0 ? (
        <div>
          <h3 className="font-semibold text-brand-900">{t("catalogue.suggestedHeading")}</h3>
          <p className="mb-2 text-sm text-muted">{t("catalogue.suggestedIntro")}</p>
          <ul className="grid gap-2 sm:grid-cols-2">{suggested.map(entry)}</ul>
        </div>
      ) : null}
      <div>
        <h3 className="font-semibold text-brand-900">{t("catalogue.heading")}</h3>
        <p className="mb-2 text-sm text-muted">
          {t("catalogue.intro", { count: catalogue.adjustments.length })}
        </p>
        <Form
          method="get"
          preventScrollReset
          className="flex flex-wrap items-end gap-3"
          action="#adjustment"
        >
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t("catalogue.search")}</span>
            <input
              type="search"
              name="q"
              defaultValue={search.query}
              className="min-h-11 rounded-lg border border-line bg-surface px-3"
            />
          </label>
          <label className="flex min-w-0 flex-col gap-1">
            <span className="font-medium">{t("catalogue.effect")}</span>
            <select
              name="effect"
              defaultValue={search.effect}
              className="min-h-11 rounded-lg border border-line bg-surface px-3"
            >
              <option value="">{t("catalogue.anyEffect")}</option>
              {catalogue.effects.map((effect) => (
                <option key={effect.id} value={effect.id}>
                  {effect.label}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" variant="secondary">
            {t("catalogue.find")}
          </Button>
        </Form>
        {search.results ? (
          <>
            <p role="status" className="mt-3 font-medium">
              {t("catalogue.results", { count: search.results.length })}
            </p>
            <ul className="mt-2 grid gap-2 sm:grid-cols-2">{search.results.map(entry)}</ul>
          </>
        ) : null}
      </div>
    </div>
  );
}
