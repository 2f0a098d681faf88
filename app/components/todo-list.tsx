import { Link } from "react-router";
import { formatDay } from "#app/modules/i18n/dates.ts";
import { useTranslation } from "#app/modules/i18n/use-translation.ts";
import type { Todo } from "#app/modules/todo/todo.server.ts";
import { ButtonLink } from "./ui/button.tsx";
import { Card } from "./ui/card.tsx";

/** Where each to-do leads: straight to the thing, not to a list to search. */
function linkOf(todo: Todo): string {
  const plan = `/cases/${todo.caseId}`;
  switch (todo.kind) {
    case "answer":
      return plan;
    case "sign":
      return `${plan}/agreements/${todo.agreementId}`;
    case "conversation":
      return `${plan}/conversations/${todo.conversationId}`;
    case "review":
      return `${plan}#item-${todo.itemId}`;
    case "deadline":
      return `${plan}/timeline#deadline-${todo.ruleId}-${todo.occurrence}`;
  }
}

function useTodoText() {
  const { t, i18n } = useTranslation("auth");
  const day = (value: string) => formatDay(i18n.language, value);
  const what = (todo: Todo): string => {
    switch (todo.kind) {
      case "answer":
        return t("todo.answer", { count: todo.count });
      case "sign":
        return t("todo.sign", { version: todo.version });
      case "conversation":
        if (todo.own)
          return todo.on ? t("todo.prepare", { date: day(todo.on) }) : t("todo.prepareUndated");
        return todo.on ? t("todo.run", { date: day(todo.on) }) : t("todo.runUndated");
      case "review":
        return t("todo.review", { date: day(todo.on) });
      case "deadline":
        return todo.late
          ? t("todo.deadlineLate", { title: todo.title, date: day(todo.on) })
          : t("todo.deadline", { title: todo.title, date: day(todo.on) });
    }
  };
  const whose = (todo: Todo) => (todo.own ? t("todo.yourPlan") : (todo.who ?? t("todo.invited")));
  return { t, what, whose };
}

/** A case's first to-do, in a few words: the start page's "next step" beside each case. */
export function NextStep({ todo }: { todo: Todo | undefined }) {
  const { what } = useTodoText();
  if (!todo) return null;
  return (
    <Link to={linkOf(todo)} className="text-sm text-brand-800 underline">
      {what(todo)}
    </Link>
  );
}

/**
 * The top of the start page: what waits for this person now, each linking
 * straight to it. The employee's own first step comes alone and large: people
 * tired by treatment get one clear thing to do, then the rest.
 */
export function TodoList({ todos, employee }: { todos: Todo[]; employee: boolean }) {
  const { t, what, whose } = useTodoText();
  const colon = t("punctuation.colon", { ns: "common" });
  if (todos.length === 0)
    return (
      <Card title={t("todo.heading")}>
        <p data-testid="todo-nothing">{t("todo.nothing")}</p>
      </Card>
    );
  const [first, ...rest] = todos;
  const list = employee && first ? rest : todos;
  return (
    <Card title={employee ? t("todo.nextStep") : t("todo.heading")}>
      {employee && first ? (
        <div className="flex flex-col items-start gap-3">
          <p className="text-lg" data-testid="todo-next">
            {what(first)}
          </p>
          <ButtonLink to={linkOf(first)}>{t("todo.open")}</ButtonLink>
        </div>
      ) : null}
      {list.length > 0 ? (
        <>
          {employee ? <h3 className="mt-5 mb-2 font-semibold">{t("todo.alsoWaiting")}</h3> : null}
          <ul className="flex flex-col gap-2" data-testid="todo-list">
            {list.map((todo) => (
              <li key={`${todo.kind}-${linkOf(todo)}`}>
                <Link to={linkOf(todo)} className="font-medium text-brand-800 underline">
                  <span className="font-semibold">
                    {whose(todo)}
                    {colon}
                  </span>{" "}
                  {what(todo)}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}
