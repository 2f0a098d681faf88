import { data } from "react-router";
import { NotFoundPage } from "#app/components/status-page.tsx";

// Every address no other route claims. A route rather than React Router's own
// no-match handling, so unknown addresses pass through the same root loader
// (language, toast) as every page.
export function loader() {
  return data(null, { status: 404 });
}

export function action() {
  return data(null, { status: 404 });
}

export default function NotFound() {
  return <NotFoundPage />;
}
