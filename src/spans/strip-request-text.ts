/**
 * With content capture off, no part of the request's messages may reach a span, and provider
 * error messages quote them (a validation error repeating the offending value, a moderation
 * refusal citing the prompt). So a provider message is kept, minus every run of it that also
 * occurs in the request's message text: stretches of at least MIN_QUOTED_CHARS characters found
 * in any message text are replaced by `…`. Parameter names and short values (`'quality'`,
 * `temperature`) are not message text and stay.
 */

/** Shorter shared runs are ordinary words; longer ones are a quotation. */
const MIN_QUOTED_CHARS = 8;
/** Bounds the work at error time: message text beyond this is compared only by its start. */
const MAX_COMPARED_TEXT_CHARS = 64 * 1024;

export function stripRequestText(message: string, requestTexts: readonly string[]): string {
  const texts = requestTexts.filter((text) => text.length >= MIN_QUOTED_CHARS).map((text) => text.slice(0, MAX_COMPARED_TEXT_CHARS));
  if (texts.length === 0) return message;
  const occurs = (fragment: string) => texts.some((text) => text.includes(fragment));
  let stripped = '';
  let i = 0;
  while (i < message.length) {
    if (i + MIN_QUOTED_CHARS <= message.length && occurs(message.slice(i, i + MIN_QUOTED_CHARS))) {
      let end = i + MIN_QUOTED_CHARS;
      while (end < message.length && occurs(message.slice(i, end + 1))) end++;
      stripped += '…';
      i = end;
    } else {
      stripped += message[i];
      i++;
    }
  }
  return stripped;
}

/** The text of GenAI-shaped message content: every string under a part's content-like keys. */
export function messageTexts(content: unknown, into: string[] = []): string[] {
  if (typeof content === 'string') into.push(content);
  else if (Array.isArray(content)) for (const item of content) messageTexts(item, into);
  else if (content !== null && typeof content === 'object') {
    for (const [key, value] of Object.entries(content)) if (TEXT_KEYS.has(key)) messageTexts(value, into);
  }
  return into;
}

/**
 * Keys that hold what the user or tools wrote. Media parts' `uri`/`url`, roles, ids and types
 * are left out: a provider naming the image URL it could not fetch is not quoting the prompt.
 */
const TEXT_KEYS = new Set(['inputMessages', 'systemInstructions', 'toolDefinitions', 'parts', 'content', 'arguments', 'response', 'result', 'text', 'description']);
