/**
 * Tests on an OpenAI-compatible SSE event's raw `data`, to skip JSON.parse for events that cannot
 * add a fact. Without content capture, the only facts in a stream are its id and model, finish
 * reasons, usage and errors; a 100-chunk answer carries them in two or three events, and parsing
 * the other ~100 again (the SDK already parses each) was most of a stream's capture cost.
 *
 * The tests read the JSON text: inside a string value every quote is escaped (`\"`), so text a
 * model wrote cannot form these keys. When in doubt an event is parsed.
 */

// Searched without their opening quote: `"` is everywhere in JSON, and a search for a pattern that
// starts with it stops at every one (about 4x slower here).
const FINISH_REASON_KEY = 'finish_reason"';
const USAGE_OBJECT = /"usage"\s*:\s*\{/;
const RESPONSE_OBJECT = /"response"\s*:/;

/** Index of the first character after optional JSON whitespace. */
function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i += 1;
  return i;
}

/**
 * A chat/completions chunk whose every choice is still running (`finish_reason: null`), with no
 * usage object and no error: it only carries a content or tool-call delta. Plain string scans,
 * no regex on the common path: this runs once per streamed chunk.
 */
export function isBareChatDelta(data: string): boolean {
  if (data.includes('error"') || (data.includes('usage"') && USAGE_OBJECT.test(data))) return false;
  let choices = 0;
  for (let at = data.indexOf(FINISH_REASON_KEY); at !== -1; at = data.indexOf(FINISH_REASON_KEY, at + 1)) {
    if (data[at - 1] !== '"') continue;
    const colon = skipSpace(data, at + FINISH_REASON_KEY.length);
    if (data[colon] !== ':') return false;
    if (!data.startsWith('null', skipSpace(data, colon + 1))) return false;
    choices += 1;
  }
  return choices > 0;
}

/**
 * A Responses API delta event (`response.output_text.delta`, `response.function_call_arguments.delta`,
 * ...): the lifecycle events the reducer reads carry a whole `response` object; deltas do not.
 */
export function isResponsesDelta(data: string): boolean {
  return data.includes('type":"response.') && data.includes('.delta"') && !data.includes('error"') && !RESPONSE_OBJECT.test(data);
}

const CONTENT_STRING = '"content":"';
const BACKSLASH = 0x5c;

/**
 * `isBareChatDelta` with a shortcut for the stream's next deltas. OpenAI repeats a chunk's id,
 * `created`, model and fingerprint in every chunk, so consecutive content deltas differ only in
 * the text of `"content":"..."`. This remembers the text before and after that string in the last
 * bare delta; an event with the same text before and after, whose content has no quote (so the
 * string ends where the remembered one did) and does not end in a backslash (which would escape
 * that quote), has the same keys and values around its content: it is bare too. The shortcut
 * compares two strings natively instead of running the four searches (about 2,000 instructions
 * an event); any other event gets the full test. Per stream: its state is one stream's last delta.
 */
export class BareChatDeltaTest {
  private before = '';
  private after = '';

  isBare(data: string): boolean {
    if (this.before !== '' && this.matchesLast(data)) return true;
    if (!isBareChatDelta(data)) return false;
    this.remember(data);
    return true;
  }

  private matchesLast(data: string): boolean {
    const end = data.length - this.after.length;
    // slice and === compare natively; startsWith and endsWith walked the text about 3x slower here.
    if (end < this.before.length || data.slice(0, this.before.length) !== this.before || data.slice(end) !== this.after) return false;
    return data.indexOf('"', this.before.length) === end && data.charCodeAt(end - 1) !== BACKSLASH;
  }

  private remember(data: string): void {
    this.before = '';
    const at = data.indexOf(CONTENT_STRING);
    // One content string only: with two (two choices) the one that varies is not known.
    if (at === -1 || data.indexOf(CONTENT_STRING, at + 1) !== -1) return;
    const start = at + CONTENT_STRING.length;
    const close = data.indexOf('"', start);
    if (close === -1 || data.charCodeAt(close - 1) === BACKSLASH) return;
    this.before = data.slice(0, start);
    this.after = data.slice(close);
  }
}
