/**
 * How long a finished span may wait before it is sent (the SDK's default is 5 s). Queue and batch
 * sizes are the BatchSpanProcessor defaults (2048 queued, 512 per export): they bound our memory
 * when the collector is down or slow, since newer spans are dropped, never the app's requests. A
 * GenAI span without captured content is about 1-2 KiB in memory, so the queue holds a few MiB.
 */
export const EXPORT_DELAY_MS = 1000;
