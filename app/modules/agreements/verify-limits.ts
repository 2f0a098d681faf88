/** The largest PDF /verify checks: Werkpad's own are far smaller. Shared by the page and the server. */
export const maxVerifyBytes = 10 * 1024 * 1024;
