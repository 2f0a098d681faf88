import { Link } from "react-router";
import { PageHeader } from "#app/components/page.tsx";
import { Card } from "#app/components/ui/card.tsx";
import { Notice } from "#app/components/ui/form-error.tsx";
import { requireMember } from "#app/modules/auth/request.server.ts";
import { env } from "#app/modules/env.server.ts";
import { forbidden } from "#app/modules/http/errors.server.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { listProblems } from "#app/modules/jobs/problems.server.ts";
import type { Route } from "./+types/problems";

/**
 * For owners: background work Werkpad gave up on, such as an e-mail that
 * could not be delivered. Which e-mail, to whom and when; never its content.
 */
export async function loader(args: Route.LoaderArgs) {
  const { membership, actor, tdb } = requireMember(args);
  const problems = await listProblems(tdb, actor);
  if (!problems) forbidden();
  return {
    organizationName: membership.organizationName,
    retentionDays: env().JOB_RETENTION_DAYS,
    problems: problems.map((problem) => ({ ...problem, failedAt: problem.failedAt.toISOString() })),
  };
}

export default function Problems({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("auth");
  const { organizationName, retentionDays, problems } = loaderData;
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" });
  const hasInvitations = problems.some(
    (problem) => problem.kind === "email" && problem.template === "invitation",
  );
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("problems.title")}
        intro={t("problems.intro", { organization: organizationName, count: retentionDays })}
      />
      {problems.length === 0 ? (
        <Notice>{t("problems.none")}</Notice>
      ) : (
        <Card>
          <ul className="flex flex-col divide-y divide-line">
            {problems.map((problem) => {
              const date = day.format(new Date(problem.failedAt));
              return (
                <li key={problem.id} className="py-3 first:pt-0 last:pb-0">
                  {problem.kind === "email"
                    ? t("problems.email", {
                        about: t(`problems.about.${problem.template}`),
                        to: problem.to,
                        date,
                      })
                    : t("problems.other", { date })}
                </li>
              );
            })}
          </ul>
          {hasInvitations ? (
            <p className="mt-4 text-muted">
              {t("problems.invitationHint")}{" "}
              <Link to="/members" className="text-brand-700 underline hover:text-brand-800">
                {t("nav.members", { ns: "common" })}
              </Link>
              .
            </p>
          ) : null}
        </Card>
      )}
    </div>
  );
}
