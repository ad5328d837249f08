/** An exporter whose work starts after the app does: register preloads it, exit asks what it sent. */
export interface BackgroundExporter {
  preload(): Promise<void>;
  /** Spans the collector took; exit counts the rest of the ended ones as not sent. */
  readonly sentItems: number;
}

const created = new Set<BackgroundExporter>();

export function trackBackgroundExporter(exporter: BackgroundExporter): void {
  created.add(exporter);
}

/**
 * Starts every background exporter's loading; register calls this once the app is running, so
 * the import does not fall on the first export (or on exit).
 */
export function preloadBackgroundExporters(): Promise<void> {
  return Promise.all([...created].map((exporter) => exporter.preload())).then(() => {});
}

/** Spans all background exporters have sent so far (metric batches are not counted). */
export function spansSentInBackground(): number {
  let sent = 0;
  for (const exporter of created) sent += exporter.sentItems;
  return sent;
}
