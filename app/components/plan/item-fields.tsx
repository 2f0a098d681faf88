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
  const { t: tf } = useTranslation("planForms");
  const field = (name: string) => fields[name] as FieldMetadata<unknown>;
  const noMedical = tf("fields.noMedical");
  switch (kind) {
    case "CAPACITY":
      return (
        <>
          <SelectField
            {...fieldProps(field("area"))}
            label={tf("fields.area")}
            options={capacityAreas.map((area) => ({ value: area, label: t(`areas.${area}`) }))}
          />
          <CheckboxGroup
            name={field("effects").name}
            legend={tf("fields.effects")}
            hint={tf("fields.effectsHint")}
            options={catalogue.effects.map((effect) => ({ value: effect.id, label: effect.label }))}
            defaultValue={initialList(field("effects"))}
            errors={field("effects").errors}
          />
          <TextAreaField
            {...fieldProps(field("whatHelps"))}
            limit={textLimits.whatHelps}
            label={tf("fields.whatHelps")}
            hint={noMedical}
          />
          <TextAreaField
            {...fieldProps(field("whatIsHard"))}
            limit={textLimits.whatIsHard}
            label={tf("fields.whatIsHard")}
            hint={noMedical}
          />
        </>
      );
    case "ADJUSTMENT":
      return (
        <>
          <SelectField
            {...fieldProps(field("catalogueId"))}
            label={tf("fields.catalogue")}
            placeholder={tf("fields.custom")}
            options={catalogue.adjustments.map((adjustment) => ({
              value: adjustment.id,
              label: adjustment.title,
            }))}
          />
          <TextField
            {...fieldProps(field("title"))}
            label={tf("fields.customTitle")}
            hint={noMedical}
          />
          <TextAreaField
            {...fieldProps(field("details"))}
            limit={textLimits.details}
            label={tf("fields.details")}
            hint={`${tf("fields.detailsHint")} ${noMedical}`}
          />
          <TextField
            {...fieldProps(field("owner"))}
            label={tf("fields.owner")}
            hint={tf("fields.ownerHint")}
          />
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField
              {...fieldProps(field("startDate"))}
              type="date"
              label={tf("fields.startDate")}
            />
            <TextField
              {...fieldProps(field("reviewDate"))}
              type="date"
              label={tf("fields.reviewDate")}
            />
          </div>
          <SelectField
            {...fieldProps(field("stage"))}
            label={tf("fields.stage")}
            options={adjustmentStages.map((stage) => ({
              value: stage,
              label: t(`stages.${stage}`),
            }))}
          />
          <TextAreaField
            {...fieldProps(field("stageReason"))}
            limit={textLimits.stageReason}
            label={tf("fields.stageReason")}
            hint={`${tf("fields.stageReasonHint")} ${noMedical}`}
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
              label={tf("fields.startWeek")}
              hint={tf("fields.startWeekHint")}
            />
            <TextField
              {...fieldProps(field("hoursPerWeek"))}
              type="number"
              min={0}
              max={60}
              step={0.5}
              inputMode="decimal"
              label={tf("fields.hoursPerWeek")}
            />
          </div>
          <CheckboxGroup
            name={field("days").name}
            legend={tf("fields.days")}
            options={weekdays.map((day) => ({ value: day, label: t(`weekdays.${day}`) }))}
            defaultValue={initialList(field("days"))}
            errors={field("days").errors}
            columns={4}
          />
          <TextAreaField
            {...fieldProps(field("tasksIncluded"))}
            limit={textLimits.tasksIncluded}
            label={tf("fields.tasksIncluded")}
            rows={2}
          />
          <TextAreaField
            {...fieldProps(field("tasksExcluded"))}
            limit={textLimits.tasksExcluded}
            label={tf("fields.tasksExcluded")}
            rows={2}
          />
        </>
      );
    case "AGREEMENT":
      return (
        <>
          <SelectField
            {...fieldProps(field("topic"))}
            label={tf("fields.topic")}
            options={agreementTopics.map((topic) => ({
              value: topic,
              label: t(`topics.${topic}`),
            }))}
          />
          <TextAreaField
            {...fieldProps(field("text"))}
            limit={textLimits.text}
            label={tf("fields.text")}
            hint={noMedical}
          />
          <TextField {...fieldProps(field("frequency"))} label={tf("fields.frequency")} />
          <SelectField
            {...fieldProps(field("whoTells"))}
            label={tf("fields.whoTells")}
            placeholder="—"
            options={tellers.map((who) => ({ value: who, label: t(`tellers.${who}`) }))}
          />
        </>
      );
    case "REVIEW":
      return (
        <>
          <TextField {...fieldProps(field("date"))} type="date" label={tf("fields.date")} />
          <TextField
            {...fieldProps(field("time"))}
            type="time"
            label={tf("fields.time")}
            hint={tf("fields.timeHint")}
          />
          <TextAreaField
            {...fieldProps(field("note"))}
            limit={textLimits.note}
            label={tf("fields.note")}
            hint={noMedical}
            rows={2}
          />
        </>
      );
  }
}
