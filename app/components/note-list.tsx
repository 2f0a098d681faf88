import type { ReactNode } from "react";
import { formatMoment } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import { UserText } from "./user-text.tsx";

type Note = { id: string; body: string; createdAt: Date | string };

/**
 * Dated notes, newest first: the employee's private notes, the physician's
 * medical notes, and those shared between them all look the same.
 */
export function NoteList<T extends Note>({
  notes,
  empty,
  label,
  actions,
}: {
  notes: T[];
  empty: string;
  /** Who can read the note, after its date. */
  label?: (note: T) => string;
  actions?: (note: T) => ReactNode;
}) {
  const { i18n } = useTranslation();

  if (notes.length === 0) return <p className="text-muted">{empty}</p>;
  return (
    <ul className="flex flex-col gap-3">
      {notes.map((note) => (
        <li key={note.id} className="rounded-lg border border-line bg-surface p-3">
          <p className="text-sm text-muted">
            {formatMoment(i18n.language, note.createdAt)}
            {label ? ` · ${label(note)}` : ""}
          </p>
          <p className="mt-1 whitespace-pre-line">
            <UserText>{note.body}</UserText>
          </p>
          {actions?.(note)}
        </li>
      ))}
    </ul>
  );
}
