/**
 * Queue and batch sizes of the span processor. They bound our memory when the collector is down
 * or slow: at most MAX_QUEUED_SPANS finished spans wait; newer ones are dropped, never the app's
 * requests. A GenAI span without captured content is about 1-2 KiB in memory, so the queue
 * holds at most a few MiB.
 */
export const MAX_QUEUED_SPANS = 2048;
export const MAX_EXPORT_BATCH = 512;
/** How long a finished span may wait before it is sent. */
export const EXPORT_DELAY_MS = 1000;
