import { setupServer } from "msw/node";
import { resendHandlers } from "./resend.ts";

/**
 * The network edge in tests. Each outside service (Resend, Stripe) adds its
 * handlers here as it is integrated; tests override them with mockServer.use().
 */
export const mockServer = setupServer(...resendHandlers);
