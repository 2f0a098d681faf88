import { parseWithZod } from "@conform-to/zod/v4";
import { useEffect, useState } from "react";
import { Link, useRevalidator } from "react-router";
import { DeclineAgreementForm } from "#app/components/agreements/decline-form.tsx";
import { SignForm } from "#app/components/agreements/sign-form.tsx";
import { AgreementStatusBadge } from "#app/components/agreements/status.tsx";
import { PageHeader } from "#app/components/page.tsx";
import { Spinner } from "#app/components/ui/spinner.tsx";
import { UserText } from "#app/components/user-text.tsx";
import {
  agreementsOf,
  declineAgreement,
  signAgreement,
  signingSide,
} from "#app/modules/agreements/agreements.server.ts";
import { declineSchema, signSchema } from "#app/modules/agreements/forms.ts";
import { sendSigningCode } from "#app/modules/agreements/reauth.server.ts";
import { clientOf } from "#app/modules/auth/request.server.ts";
import { rateLimitedMessage } from "#app/modules/auth/respond.server.ts";
import { badRequest, forbidden, notFound, orRespond } from "#app/modules/http/errors.server.ts";
import { redirectWithToast } from "#app/modules/http/toast.server.ts";
import { formatMoment } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { requireCase } from "#app/modules/plans/case-access.server.ts";
import type { Route } from "./+types/cases.$caseId.agreements.$agreementId";

/**
 * One agreement: the document to read, who signed, and, for a signer who has
 * not yet, the form to sign it or say why not. While the seal job runs the
 * page says so and looks again every two seconds.
 */
export async function loader(args: Route.LoaderArgs) {
  const { member, tdb, record } = await requireCase(args, { recordView: true });
  const agreement = (await agreementsOf(tdb, record.id)).find(
    (candidate) => candidate.id === args.params.agreementId,
  );
  if (!agreement) notFound();
  const side = signingSide(member.actor, record);
  const people = new Map(
    [record.employee, record.manager, record.physician].flatMap((person) =>
      person ? [[person.id, person.name] as const] : [],
    ),
  );
  const unknown = [
    ...agreement.signatures.map((signature) => signature.signerId),
    ...(agreement.endedById ? [agreement.endedById] : []),
  ].filter((id) => !people.has(id));
  if (unknown.length > 0) {
    for (const person of await tdb.user.findMany({
      where: { id: { in: unknown } },
      select: { id: true, name: true },
    }))
      people.set(person.id, person.name);
  }
  const signedSides = new Set(agreement.signatures.map((signature) => signature.side));
  const signer =
    side && agreement.status === "AWAITING_SIGNATURES" && !signedSides.has(side)
      ? await tdb.user.findUniqueOrThrow({
          where: { id: member.actor.userId },
          select: { name: true, passwordHash: true },
        })
      : null;
  const proof = new URL(args.request.url).searchParams.get("proof") === "code";
  return {
    caseId: record.id,
    agreement: {
      id: agreement.id,
      versionNumber: agreement.versionNumber,
      planHash: agreement.planHash,
      documentHash: agreement.documentHash,
      status: agreement.status,
      createdAt: agreement.createdAt,
      sealedAt: agreement.sealedAt,
      endedAt: agreement.endedAt,
      supersededBy: agreement.supersededBy,
      declineReason: agreement.declineReason,
      endedBy: agreement.endedById ? (people.get(agreement.endedById) ?? "") : null,
      signatures: agreement.signatures.map((signature) => ({
        side: signature.side,
        name: people.get(signature.signerId) ?? "",
        signedAt: signature.signedAt,
      })),
    },
    employeeName: record.employee?.name ?? "",
    side,
    signer: signer
      ? {
          name: signer.name,
          hasPassword: signer.passwordHash !== null,
          proof: proof || signer.passwordHash === null ? ("code" as const) : ("password" as const),
        }
      : null,
  };
}

export async function action(args: Route.ActionArgs) {
  const { member, tdb, record } = await requireCase(args);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  const client = clientOf(args);
  const here = `/cases/${record.id}/agreements/${args.params.agreementId}`;

  if (intent === "send-code") {
    if (!signingSide(member.actor, record)) forbidden();
    const signer = await tdb.user.findUniqueOrThrow({ where: { id: member.actor.userId } });
    const sent = await sendSigningCode(signer, client);
    if (!sent.ok)
      return redirectWithToast(`${here}?proof=code#sign`, {
        kind: "error",
        message: rateLimitedMessage(sent.retryAt),
      });
    return redirectWithToast(`${here}?proof=code#sign`, {
      kind: "success",
      message: "agreements:sign.codeSent",
    });
  }

  if (intent === "decline") {
    const submission = parseWithZod(formData, { schema: declineSchema });
    if (submission.status !== "success") return { form: "decline", reply: submission.reply() };
    const result = orRespond(
      await declineAgreement(
        tdb,
        member.actor,
        record,
        args.params.agreementId,
        submission.value.reason,
        client,
      ),
    );
    if (!result.ok)
      return redirectWithToast(here, {
        kind: "error",
        message: `agreements:refusals.${result.reason}`,
      });
    return redirectWithToast(here, { kind: "success", message: "agreements:declined" });
  }

  if (intent !== "sign") badRequest();
  const submission = parseWithZod(formData, { schema: signSchema });
  if (submission.status !== "success")
    return { form: "sign", reply: submission.reply({ hideFields: ["password", "code"] }) };
  const { documentHash, typedName, drawing, proof, password, code } = submission.value;
  const result = orRespond(
    await signAgreement(
      tdb,
      member.actor,
      record,
      args.params.agreementId,
      {
        documentHash,
        typedName,
        drawing,
        proof:
          proof === "password"
            ? { password: password ?? "" }
            : { code: (code ?? "").replace(/\s/g, "") },
      },
      client,
    ),
  );
  if (!result.ok) {
    const again = (errors: Record<string, string[]>) => ({
      form: "sign",
      reply: submission.reply({ hideFields: ["password", "code"], fieldErrors: errors }),
    });
    switch (result.reason) {
      case "wrong-password":
        return again({ password: ["agreements:errors.wrongPassword"] });
      case "wrong-code":
        return again({ code: ["agreements:errors.wrongCode"] });
      case "name-mismatch":
        return again({ typedName: ["agreements:errors.nameMismatch"] });
      case "rate-limited":
        return {
          form: "sign",
          reply: submission.reply({
            hideFields: ["password", "code"],
            formErrors: [rateLimitedMessage(result.retryAt)],
          }),
        };
      default:
        return redirectWithToast(here, {
          kind: "error",
          message: `agreements:refusals.${result.reason}`,
        });
    }
  }
  return redirectWithToast(here, {
    kind: "success",
    message: result.value.sealing ? "agreements:signedLast" : "agreements:signed",
  });
}

/**
 * While the seal job runs, the page looks again every two seconds; after a
 * minute it also says that this is taking too long (the job is being retried).
 */
function useRefreshWhile(waiting: boolean): { slow: boolean } {
  const { revalidate, state } = useRevalidator();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!waiting || state !== "idle") return;
    const timer = setTimeout(() => void revalidate(), 2000);
    return () => clearTimeout(timer);
  }, [waiting, state, revalidate]);
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => setSlow(true), 60_000);
    return () => clearTimeout(timer);
  }, [waiting]);
  return { slow: waiting && slow };
}

export default function AgreementPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("agreements");
  const { agreement, caseId, signer } = loaderData;
  const when = (value: Date | string) => formatMoment(i18n.language, value);
  const sealing = useRefreshWhile(agreement.status === "SEALING");
  const pdf = `/cases/${caseId}/agreements/${agreement.id}/pdf`;
  const sealed = agreement.status === "SEALED";
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <p>
        <Link to={`/cases/${caseId}/agreements`} className="font-medium text-brand-700 underline">
          ← {t("backToList")}
        </Link>
      </p>
      <PageHeader
        title={t("title", { number: agreement.versionNumber })}
        intro={
          <p>
            {t("fingerprintIs")}{" "}
            <code className="break-all font-mono text-base">{agreement.planHash}</code>
          </p>
        }
      />
      <section aria-labelledby="state-heading" className="item-card flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="state-heading" className="text-lg font-semibold">
            {t("state.heading")}
          </h2>
          <AgreementStatusBadge status={agreement.status} supersededBy={agreement.supersededBy} />
        </div>
        <div role="status" className="flex flex-col gap-2">
          {agreement.status === "AWAITING_SIGNATURES" ? <p>{t("state.awaiting")}</p> : null}
          {agreement.status === "SEALING" ? (
            <p className="flex items-center gap-2 font-medium">
              <Spinner /> {t("state.sealing")}
            </p>
          ) : null}
          {sealing.slow ? <p>{t("state.sealingSlow")}</p> : null}
          {sealed ? (
            <p>{t("state.sealed", { date: when(agreement.sealedAt ?? agreement.createdAt) })}</p>
          ) : null}
          {sealed && agreement.supersededBy !== null ? (
            <p className="font-medium">
              {t("state.supersededText", { number: agreement.supersededBy })}
            </p>
          ) : null}
          {agreement.status === "DECLINED" ? (
            <>
              <p className="font-medium">
                {t("state.declined", { name: agreement.endedBy ?? "" })}
              </p>
              <blockquote className="border-l-4 border-line pl-3 whitespace-pre-line">
                <UserText>{agreement.declineReason ?? ""}</UserText>
              </blockquote>
              <p>
                <Link to={`/cases/${caseId}`} className="font-semibold text-brand-700 underline">
                  {t("state.backToNegotiation")}
                </Link>
              </p>
            </>
          ) : null}
          {agreement.status === "VOID" ? <p className="font-medium">{t("state.void")}</p> : null}
        </div>
        <ul className="flex flex-col gap-1">
          {(["EMPLOYEE", "EMPLOYER"] as const).map((side) => {
            const signature = agreement.signatures.find((candidate) => candidate.side === side);
            return (
              <li key={side}>
                <span className="font-medium">{t(`sides.${side}`)}</span>
                {t("punctuation.colon", { ns: "common" })}{" "}
                {signature
                  ? t("state.signedBy", { name: signature.name, date: when(signature.signedAt) })
                  : t("state.notSigned")}
              </li>
            );
          })}
        </ul>
        <p className="flex flex-wrap gap-3">
          <a href={pdf} className="btn btn-secondary" target="_blank" rel="noopener">
            {sealed ? t("read.sealed") : t("read.document")}
          </a>
          <a href={`${pdf}?download=1`} className="btn btn-ghost" download>
            {t("read.download")}
          </a>
        </p>
        {sealed ? (
          <p className="text-muted">
            {t("read.verifyHint")}{" "}
            <Link to="/verify" className="font-medium text-brand-700 underline">
              {t("read.verifyLink")}
            </Link>
          </p>
        ) : null}
      </section>
      {signer ? (
        <>
          <SignForm
            agreement={agreement}
            signer={signer}
            lastResult={actionData?.form === "sign" ? actionData.reply : undefined}
          />
          <DeclineAgreementForm
            lastResult={actionData?.form === "decline" ? actionData.reply : undefined}
          />
        </>
      ) : null}
    </div>
  );
}
