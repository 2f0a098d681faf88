import { type ComponentType, lazy } from "react";

/**
 * A part of a page whose code the browser loads only when it is shown (a
 * form that opens on request), as React.lazy, with one difference: on the
 * server it is always ready, so it is in the HTML itself for people without
 * JavaScript. The server loads every such part before rendering
 * (entry.server.tsx awaits `lazyPartsLoaded()`) and then hands React an
 * already settled value.
 *
 * Render it without a <Suspense> boundary: React sends a boundary's content
 * of more than a few hundred bytes as a hidden block that a script moves into
 * place. In the browser the part opens by a navigation, which React runs as
 * a transition: the page stays as it is until the code has arrived.
 */
const loadingOnServer: Promise<unknown>[] = [];

// biome-ignore lint/suspicious/noExplicitAny: the props of any component
export function lazyPart<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  let loaded: { default: T } | undefined;
  const loadOnce = () =>
    load().then((module) => {
      loaded = module;
      return module;
    });
  if (import.meta.env.SSR) loadingOnServer.push(loadOnce());
  return lazy(() => (loaded ? settledWith(loaded) : loadOnce()));
}

/** A thenable that settles at once: React.lazy renders the part without suspending. */
function settledWith<V>(value: V): Promise<V> {
  // biome-ignore lint/suspicious/noThenProperty: a thenable is exactly what React.lazy takes
  return { then: (settle: (settled: V) => void) => settle(value) } as Promise<V>;
}

/** On the server: every lazy part of the page is ready to render. */
export function lazyPartsLoaded(): Promise<unknown> {
  return Promise.all(loadingOnServer);
}
