import { parseWithZod } from "@conform-to/zod/v4";
import { CatalogueFinder } from "#app/components/plan/catalogue-finder.tsx";
import { PhysicianSection } from "#app/components/plan/physician-section.tsx";
import { PlanHeader, PlanState } from "#app/components/plan/plan-header.tsx";
import { PlanSection } from "#app/components/plan/plan-section.tsx";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { badRequest, forbidden, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { proposeAdvised } from "#app/modules/plans/advised.server.ts";
import {
  answeredMessage,
  declineSchema,
  isAnswerIntent,
  itemRefSchema,
} from "#app/modules/plans/answers.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { catalogueProblems } from "#app/modules/plans/catalogue-check.server.ts";
import { contentSchemas, isItemKind, itemKinds } from "#app/modules/plans/content.ts";
import { planPage } from "#app/modules/plans/plan-page.server.ts";
import { type Answer, answerItem, proposeItem } from "#app/modules/plans/plans.server.ts";
import { repeatPhase } from "#app/modules/plans/schedule.server.ts";
import type { Route } from "./+types/cases.$caseId";

/** The jointly negotiated plan of a case: every item, whose turn it is, and the answers. */
export async function loader(args: Route.LoaderArgs) {
  const url = new URL(args.request.url);
  return planPage(await requireCase(args, { recordView: true }), {
    language: languageOfRequest(args.request),
    query: url.searchParams.get("q") ?? "",
    effect: url.searchParams.get("effect") ?? "",
  });
}

export async function action(args: Route.ActionArgs) {
  const { member, tdb, record, side } = await requireCase(args);
  // Seeing a case is not negotiating it: the physician reads, the two sides answer.
  if (!side) forbidden();
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  const client = clientOf(args);
  const here = `/cases/${record.id}`;
  const toast = (to: string, kind: "success" | "error", message: string) =>
    redirectWithToast(`${here}${to}`, { kind, message });

  if (intent === "propose") {
    const kind = formData.get("kind");
    if (!isItemKind(kind)) badRequest();
    const submission = parseWithZod(formData, { schema: contentSchemas[kind] });
    if (submission.status !== "success") return { form: kind, reply: submission.reply() };
    const problems = await catalogueProblems(kind, submission.value);
    if (problems) return { form: kind, reply: submission.reply({ fieldErrors: problems }) };
    const result = orRespond(
      await proposeItem(tdb, member.actor, record, kind, submission.value as never, client),
    );
    return toast(`#item-${result.value.itemId}`, "success", "plans:proposed");
  }

  if (intent === "propose-advised") {
    const catalogueId = String(formData.get("catalogueId") ?? "");
    const result = orRespond(await proposeAdvised(tdb, member.actor, record, catalogueId, client));
    if (!result.ok) return toast("#physician", "error", `plans:refusals.${result.reason}`);
    return toast(`#item-${result.value.itemId}`, "success", "physician:section.addedToPlan");
  }

  if (intent === "repeat-phase" || intent === "step-back-phase") {
    const itemId = String(formData.get("itemId") ?? "");
    const stepBack = intent === "step-back-phase";
    const result = orRespond(
      await repeatPhase(tdb, member.actor, record, itemId, stepBack, client),
    );
    if (!result.ok) return toast("#schedule", "error", `plans:refusals.${result.reason}`);
    return toast("#schedule", "success", "plans:proposed");
  }

  if (!isAnswerIntent(intent)) badRequest();
  const ref = itemRefSchema.safeParse(Object.fromEntries(formData));
  if (!ref.success) badRequest();
  let answer: Answer;
  if (intent === "decline") {
    const submission = parseWithZod(formData, { schema: declineSchema });
    if (submission.status !== "success") {
      return { form: `decline-${ref.data.itemId}`, reply: submission.reply() };
    }
    answer = { type: "decline", reason: submission.value.reason };
  } else if (intent === "answer-removal") {
    answer = { type: "answer-removal", accept: formData.get("accept") === "yes" };
  } else {
    answer = { type: intent };
  }
  const { itemId, lockVersion } = ref.data;
  const result = orRespond(
    await answerItem(tdb, member.actor, record, itemId, lockVersion, answer, client),
  );
  if (!result.ok) {
    const message =
      result.reason === "conflict"
        ? "plans:conflict.answerStale"
        : `plans:refusals.${result.reason}`;
    return toast(`#item-${itemId}`, "error", message);
  }
  if (result.value.agreedVersion) {
    return redirectWithToast(here, {
      kind: "success",
      message: "plans:actions.planAgreed",
      values: { number: String(result.value.agreedVersion) },
    });
  }
  return toast(
    `#item-${itemId}`,
    "success",
    answeredMessage(intent, answer.type === "answer-removal" && answer.accept),
  );
}

export default function CasePlan({ loaderData, actionData }: Route.ComponentProps) {
  const { caseView, side, plan, catalogue } = loaderData;
  const employeeName = caseView.employeeName ?? caseView.invitedEmail ?? "";
  return (
    <div className="flex flex-col gap-8">
      <PlanHeader caseView={caseView} mayManage={loaderData.mayManage} />
      <PlanState
        side={side}
        employeeName={employeeName}
        items={plan.items}
        versions={plan.versions}
        draftNumber={plan.draftNumber}
      />
      <PhysicianSection
        physicianName={caseView.physicianName}
        advice={loaderData.advice}
        latestVersion={plan.versions[0]?.number ?? null}
        draftNumber={plan.draftNumber}
        review={loaderData.latestReview}
        inPlan={loaderData.adjustmentsInPlan}
        canPropose={side !== null}
        isPhysician={caseView.isPhysician}
        catalogue={catalogue}
      />
      {itemKinds.map((kind) => (
        <PlanSection
          key={kind}
          kind={kind}
          items={plan.items.filter((item) => item.kind === kind)}
          side={side}
          catalogue={catalogue}
          employeeName={employeeName}
          caseId={caseView.id}
          viewerId={loaderData.viewerId}
          lastResult={actionData?.form === kind ? actionData.reply : undefined}
        >
          {kind === "ADJUSTMENT" ? (
            <CatalogueFinder
              catalogue={catalogue}
              search={loaderData.search}
              suggested={loaderData.suggested}
              canPropose={side !== null}
            />
          ) : null}
        </PlanSection>
      ))}
    </div>
  );
}
