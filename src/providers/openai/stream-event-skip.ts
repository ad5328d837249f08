/**
 * Tests on an OpenAI-compatible SSE event's raw `data`, to skip JSON.parse for events that cannot
 * add a fact. Without content capture, the only facts in a stream are its id and model, finish
 * reasons, usage and errors; a 100-chunk answer carries them in two or three events, and parsing
 * the other ~100 again (the SDK already parses each) was most of a stream's capture cost.
 *
 * The tests read the JSON text: inside a string value every quote is escaped (`\"`), so text a
 * model wrote cannot form these keys. When in doubt an event is parsed.
 */

const FINISH_REASON = /"finish_reason"\s*:\s*(null\b)?/g;
const USAGE_OBJECT = /"usage"\s*:\s*\{/;
const RESPONSE_OBJECT = /"response"\s*:/;

/**
 * A chat/completions chunk whose every choice is still running (`finish_reason: null`), with no
 * usage object and no error: it only carries a content or tool-call delta.
 */
export function isBareChatDelta(data: string): boolean {
  if (data.includes('"error"') || USAGE_OBJECT.test(data)) return false;
  let choices = 0;
  for (const found of data.matchAll(FINISH_REASON)) {
    if (found[1] === undefined) return false;
    choices += 1;
  }
  return choices > 0;
}

/**
 * A Responses API delta event (`response.output_text.delta`, `response.function_call_arguments.delta`,
 * ...): the lifecycle events the reducer reads carry a whole `response` object; deltas do not.
 */
export function isResponsesDelta(data: string): boolean {
  return data.includes('"type":"response.') && data.includes('.delta"') && !data.includes('"error"') && !RESPONSE_OBJECT.test(data);
}
