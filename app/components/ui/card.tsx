import type { ReactNode } from "react";
import { cx } from "./cx.ts";

export function Card({
  title,
  headingLevel = 2,
  children,
  className,
}: {
  title?: ReactNode;
  headingLevel?: 2 | 3;
  children: ReactNode;
  className?: string;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section
      className={cx("rounded-xl border border-line bg-surface p-5 shadow-xs sm:p-6", className)}
    >
      {title ? <Heading className="mb-2 text-lg font-semibold text-ink">{title}</Heading> : null}
      <div className="text-ink">{children}</div>
    </section>
  );
}
