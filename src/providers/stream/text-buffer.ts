/**
 * Most characters of streamed completion text kept per choice for content capture. Spans cut
 * content to max_content_bytes later; this bound only keeps a runaway stream from growing memory.
 */
export const MAX_STREAMED_CONTENT_CHARS = 1024 * 1024;

/** Appends streamed text deltas up to MAX_STREAMED_CONTENT_CHARS. */
export class BoundedText {
  private text = '';

  append(delta: unknown): void {
    if (typeof delta !== 'string' || this.text.length >= MAX_STREAMED_CONTENT_CHARS) return;
    this.text += delta.slice(0, MAX_STREAMED_CONTENT_CHARS - this.text.length);
  }

  toString(): string {
    return this.text;
  }

  get isEmpty(): boolean {
    return this.text.length === 0;
  }
}
