import { env } from "#app/modules/env.server.ts";
import { formatMoment } from "#app/modules/i18n/dates.ts";
import type { Language } from "#app/modules/i18n/languages.ts";
import { serverI18n } from "#app/modules/i18n/resources.server.ts";

/**
 * README.txt of a person's copy of their data: what each file is, in plain
 * words and in their language, and what is left out and why. Plain text with
 * Windows line ends, so that every system's simplest editor shows it well.
 */
export function exportReadme(
  language: Language,
  facts: { name: string; madeAt: Date; folders: string[]; helps: boolean },
): string {
  const t = serverI18n(language).getFixedT(language, "privacy");
  const folders = [...new Set(facts.folders.map((path) => path.split("/")[0] ?? ""))];
  const withFile = (pattern: RegExp) =>
    folders.filter((folder) =>
      facts.folders.some((path) => path.startsWith(`${folder}/`) && pattern.test(path)),
    );
  const title = t("readme.title");
  const lines = [
    title,
    "=".repeat(title.length),
    "",
    t("readme.made", { name: facts.name, date: formatMoment(language, facts.madeAt) }),
    t("readme.intro"),
    "",
    `- ${t("readme.json")}`,
    `  ${t("readme.jsonCases")}`,
    ...withFile(/\/agreement-/).map(
      (folder) => `- ${t("readme.agreements", { folder, url: `${env().APP_URL}/verify` })}`,
    ),
    ...withFile(/\/adjustment-passport-/).map((folder) => `- ${t("readme.passports", { folder })}`),
    "- README.txt",
    "",
    t("readme.notInHeading"),
    `- ${t("readme.notInMedical")}`,
    `- ${t("readme.notInEmployer")}`,
    `- ${t("readme.notInOthers")}`,
    `- ${t("readme.notInSecrets")}`,
    ...(facts.helps ? ["", t("readme.helping")] : []),
    "",
    t("readme.questions"),
    "",
  ];
  return lines.join("\r\n");
}
