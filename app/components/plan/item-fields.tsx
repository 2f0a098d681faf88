import type { FieldMetadata } from "@conform-to/react";
import { fieldProps, initialList } from "#app/components/ui/conform.ts";
import { CheckboxGroup, SelectField, TextAreaField, TextField } from "#app/components/ui/field.tsx";
import type { CatalogueView } from "#app/modules/catalog/view.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import {
  adjustmentStages,
  agreementTopics,
  capacityAreas,
  type ItemKind,
  tellers,
  textLimits,
  weekdays,
} from "#app/modules/plans/kinds.ts";

type Fields = Record<string, FieldMetadata<unknown>>;

/**
 * The inputs of one kind of plan item, for proposing it and for changing it.
 * Every free-text field reminds the writer that no medical details belong here.
 */
export function ItemFields({
  kind,
  fields,
  catalogue,
}: {
  kind: ItemKind;
  fields: Fields;
  catalogue: CatalogueView;
}) {
  const { t } = useTranslation("plans");
  const field = (name: string) => fields[name] as FieldMetadata<unknown>;
  const noMedical = t("fields.noMedical");
  switch (kind) {
    case "CAPACITY":
      return (
        <>
          <SelectField
            {...fieldProps(field("area"))}
            label={t("fields.area")}
            options={capacityAreas.map((area) => ({ value: area, label: t(`areas.${area}`) }))}
          />
          <CheckboxGroup
            name={field("effects").name}
            legend={t("fields.effects")}
            hint={t("fields.effectsHint")}
            options={catalogue.effects.map((effect) => ({ value: effect.id, label: effect.label }))}
            defaultValue={initialList(field("effects"))}
            errors={field("effects").errors}
          />
          <TextAreaField
            {...fieldProps(field("whatHelps"))}
            limit={textLimits.whatHelps}
            label={t("fields.whatHelps")}
            hint={noMedical}
          />
          <TextAreaField
            {...fieldProps(field("whatIsHard"))}
            limit={textLimits.whatIsHard}
            label={t("fields.whatIsHard")}
            hint={noMedical}
          />
        </>
      );
    case "ADJUSTMENT":
      return (
        <>
          <SelectField
            {...fieldProps(field("catalogueId"))}
            label={t("fields.catalogue")}
            placeholder={t("fields.custom")}
            options={catalogue.adjustments.map((adjustment) => ({
              value: adjustment.id,
              label: adjustment.title,
            }))}
          />
          <TextField
            {...fieldProps(field("title"))}
            label={t("fields.customTitle")}
            hint={noMedical}
          />
          <TextAreaField
            {...fieldProps(field("details"))}
            limit={textLimits.details}
            label={t("fields.details")}
            hint={`${t("fields.detailsHint")} ${noMedical}`}
          />
          <TextField
            {...fieldProps(field("owner"))}
            label={t("fields.owner")}
            hint={t("fields.ownerHint")}
          />
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField
              {...fieldProps(field("startDate"))}
              type="date"
              label={t("fields.startDate")}
            />
            <TextField
              {...fieldProps(field("reviewDate"))}
              type="date"
              label={t("fields.reviewDate")}
            />
          </div>
          <SelectField
            {...fieldProps(field("stage"))}
            label={t("fields.stage")}
            options={adjustmentStages.map((stage) => ({
              value: stage,
              label: t(`stages.${stage}`),
            }))}
          />
          <TextAreaField
            {...fieldProps(field("stageReason"))}
            limit={textLimits.stageReason}
            label={t("fields.stageReason")}
            hint={`${t("fields.stageReasonHint")} ${noMedical}`}
            rows={2}
          />
        </>
      );
    case "SCHEDULE_PHASE":
      return (
        <>
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField
              {...fieldProps(field("startWeek"))}
              type="number"
              min={1}
              max={104}
              inputMode="numeric"
              label={t("fields.startWeek")}
              hint={t("fields.startWeekHint")}
            />
            <TextField
              {...fieldProps(field("hoursPerWeek"))}
              type="number"
              min={0}
              max={60}
              step={0.5}
              inputMode="decimal"
              label={t("fields.hoursPerWeek")}
            />
          </div>
          <CheckboxGroup
            name={field("days").name}
            legend={t("fields.days")}
            options={weekdays.map((day) => ({ value: day, label: t(`weekdays.${day}`) }))}
            defaultValue={initialList(field("days"))}
            errors={field("days").errors}
            columns={4}
          />
          <TextAreaField
            {...fieldProps(field("tasksIncluded"))}
            limit={textLimits.tasksIncluded}
            label={t("fields.tasksIncluded")}
            rows={2}
          />
          <TextAreaField
            {...fieldProps(field("tasksExcluded"))}
            limit={textLimits.tasksExcluded}
            label={t("fields.tasksExcluded")}
            rows={2}
          />
        </>
      );
    case "AGREEMENT":
      return (
        <>
          <SelectField
            {...fieldProps(field("topic"))}
            label={t("fields.topic")}
            options={agreementTopics.map((topic) => ({
              value: topic,
              label: t(`topics.${topic}`),
            }))}
          />
          <TextAreaField
            {...fieldProps(field("text"))}
            limit={textLimits.text}
            label={t("fields.text")}
            hint={noMedical}
          />
          <TextField {...fieldProps(field("frequency"))} label={t("fields.frequency")} />
          <SelectField
            {...fieldProps(field("whoTells"))}
            label={t("fields.whoTells")}
            placeholder="—"
            options={tellers.map((who) => ({ value: who, label: t(`tellers.${who}`) }))}
          />
        </>
      );
    case "REVIEW":
      return (
        <>
          <TextField {...fieldProps(field("date"))} type="date" label={t("fields.date")} />
          <TextAreaField
            {...fieldProps(field("note"))}
            limit={textLimits.note}
            label={t("fields.note")}
            hint={noMedical}
            rows={2}
          />
        </>
      );
  }
}
