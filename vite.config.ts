import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

export default defineConfig({
  // The server bundle's entry is our Express app (server/app.ts), which wraps
  // React Router's request handler; server/index.ts imports it in production.
  environments: {
    ssr: { build: { rolldownOptions: { input: "./server/app.ts" } } },
    client: {
      build: {
        rolldownOptions: {
          output: {
            // The small modules every page uses (buttons, translation, dates,
            // the policy) travel as one file instead of a dozen tiny ones:
            // fewer requests and preload links, and better compression.
            advancedChunks: {
              groups: [
                {
                  name: "shared",
                  test: /\/app\/(components\/(ui\/(button|card|cx|focus-target|open-link|lazy-part|pending|spinner|toast)|page|request-info|status-page|user-text)|modules\/(dates|i18n\/|policy|error-messages))/,
                },
              ],
            },
          },
        },
      },
    },
  },
  plugins: [tailwindcss(), reactRouter()],
});
