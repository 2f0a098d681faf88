import type { Config } from "@react-router/dev/config";

export default {
  appDirectory: "app",
  ssr: true,
  // React Router's own cross-site check covers page actions only (not
  // resource routes), compares with the address the server saw (wrong behind
  // a proxy) and answers a bare 400. Werkpad's request guard checks every
  // request against APP_URL and answers 403 with a page (docs/decisions/0013),
  // so the built-in check is told to let everything through to it.
  allowedActionOrigins: ["**"],
} satisfies Config;
