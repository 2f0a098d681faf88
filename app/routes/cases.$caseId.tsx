import type { ShouldRevalidateFunctionArgs } from "react-router";
import { CatalogueFinder } from "#app/components/plan/catalogue-finder.tsx";
import { PhysicianSection } from "#app/components/plan/physician-section.tsx";
import { PlanHeader, PlanState } from "#app/components/plan/plan-header.tsx";
import { PlanSection } from "#app/components/plan/plan-section.tsx";
import { onlyOpenChanged, openParameter } from "#app/components/ui/open-link.tsx";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { languageOfRequest } from "#app/modules/i18n/languages.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import { itemKinds } from "#app/modules/plans/kinds.ts";
import { planAction } from "#app/modules/plans/plan-actions.server.ts";
import { planPage } from "#app/modules/plans/plan-page.server.ts";
import type { Route } from "./+types/cases.$caseId";

/** The jointly negotiated plan of a case: every item, whose turn it is, and the answers. */
export async function loader(args: Route.LoaderArgs) {
  const url = new URL(args.request.url);
  return planPage(await requireCase(args, { recordView: true }), {
    language: languageOfRequest(args.request),
    query: url.searchParams.get("q") ?? "",
    effect: url.searchParams.get("effect") ?? "",
    wholeCatalogue: offersWholeCatalogue(url),
  });
}

/** Forms that offer the whole catalogue: proposing an adjustment or a capacity, and searching. */
const wholeCatalogueForms = new Set(["add-ADJUSTMENT", "add-CAPACITY", "search"]);

/** Whether the page shows a form that offers the whole catalogue (every adjustment, every effect). */
function offersWholeCatalogue(url: URL): boolean {
  const { searchParams } = url;
  return (
    wholeCatalogueForms.has(searchParams.get(openParameter) ?? "") ||
    ["adjustment", "q", "effect"].some((name) => searchParams.has(name))
  );
}

/**
 * Opening a form (`?open=`) reads nothing new, except the first time a form
 * that offers the whole catalogue opens: the page then needs all its names.
 */
export function shouldRevalidate({
  currentUrl,
  nextUrl,
  formMethod,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  const catalogueNeeded = offersWholeCatalogue(nextUrl) && !offersWholeCatalogue(currentUrl);
  if (
    formMethod === undefined &&
    !catalogueNeeded &&
    onlyOpenChanged(currentUrl, nextUrl, ["adjustment"])
  )
    return false;
  return defaultShouldRevalidate;
}

export async function action(args: Route.ActionArgs) {
  const access = await requireCase(args);
  const answer = await planAction(access, await args.request.formData(), clientOf(args));
  if ("form" in answer) return answer;
  return redirectWithToast(`/cases/${access.record.id}${answer.to}`, answer.toast);
}

export default function CasePlan({ loaderData, actionData }: Route.ComponentProps) {
  const { caseView, side, plan, catalogue } = loaderData;
  const employeeName = caseView.employeeName ?? caseView.invitedEmail ?? "";
  return (
    <div className="flex flex-col gap-8">
      <PlanHeader
        caseView={caseView}
        mayManage={loaderData.mayManage}
        plannedConversation={loaderData.plannedConversation}
      />
      <PlanState
        side={side}
        employeeName={employeeName}
        items={plan.items}
        latestVersion={plan.latestVersion}
        draftNumber={plan.draftNumber}
      />
      <PhysicianSection
        physicianName={caseView.physicianName}
        advice={loaderData.advice}
        latestVersion={plan.latestVersion?.number ?? null}
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
