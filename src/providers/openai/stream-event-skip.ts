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
 * no regex on the common path: this runs once per streamed chunk. A shortcut that compared an
 * event with the last bare delta's text around its content (once `BareChatDeltaTest`) cost as
 * much as these scans on the benchmark's chunks, and twice as much on OpenAI's own, whose every
 * chunk ends in a different `obfuscation` value (docs/benchmark.md); it was removed.
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
