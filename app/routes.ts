import { index, type RouteConfig, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("language", "routes/language.ts"),
  route("design", "routes/design.tsx"),
  // Last: every other address is a 404 rendered by the root error boundary.
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
