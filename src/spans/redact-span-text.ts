/**
 * The one redaction step every free text goes through before it is put on a span (status
 * messages, error types, exception messages and stacks, URLs). Error texts are written by fetch,
 * undici, Node and providers, not by us, and several quote what they were given: fetch's
 * "Request cannot be constructed from a URL that includes credentials: <the URL>", undici's
 * `Headers.append: "<value>" is an invalid header value`, a provider's 401 echoing the key.
 *
 * Removed, in this order: URLs' userinfo and credential query values (as the url.full semantic
 * convention asks: `REDACTED` in their place), quoted header values, credential-looking
 * `name=value` / `name: value` pairs, and anything shaped like a known key format; then the text
 * is length-capped.
 */

/** The semantic conventions' own placeholder (url.full: `https://REDACTED:REDACTED@host/`). */
const REDACTED = 'REDACTED';

/** Longest text kept; provider error messages can quote the whole request. */
export const MAX_SPAN_TEXT_CHARS = 1024;

/**
 * Query parameters whose values are redacted: the url.full convention's list (the same list
 * @opentelemetry/instrumentation-http redacts by default), then the names LLM providers and
 * gateways take keys in (Gemini `key`, Azure `api-key`, `api_key`, `token`, `access_token`).
 * Compared case-insensitively.
 */
const CREDENTIAL_QUERY_PARAMETERS = new Set(
  [
    'sig', 'Signature', 'AWSAccessKeyId', 'X-Goog-Signature', 'X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token',
    'key', 'api-key', 'api_key', 'apikey', 'x-api-key', 'token', 'access_token', 'id_token', 'refresh_token', 'auth',
    'authorization', 'code', 'secret', 'client_secret', 'password', 'passwd', 'x-goog-api-key',
  ].map((name) => name.toLowerCase()),
);

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

/** `"value" is an invalid header value` (undici Headers), `Invalid header value "value"`, etc. */
const QUOTED_HEADER_VALUE = /(["'])(?:(?!\1)[\s\S]){0,4096}\1(?=\s+is\s+an?\s+invalid\s+header\s+value)|(invalid\s+header\s+value\s*:?\s*)(["'])(?:(?!\3)[\s\S]){0,4096}\3/gi;

/** `authorization: Bearer x`, `api_key=x`, `"x-api-key": "x"`: the name is kept, the value goes. */
const CREDENTIAL_PAIR =
  /\b((?:proxy-)?authorization|x-api-key|x-goog-api-key|api[-_]?key|access[-_]?token|refresh[-_]?token|id[-_]?token|client[-_]?secret|secret|password|passwd|cookie|set-cookie|token)(["']?\s*[:=]\s*)("[^"\n]{0,512}"|'[^'\n]{0,512}'|(?:(?:bearer|basic|token)\s+)?[^\s"',;&)}\]]+)/gi;

/** Key formats of LLM providers and of the clouds and tools their apps run beside. */
const KEY_SHAPES: readonly RegExp[] = [
  /\b(?:bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, // an Authorization header value
  /\bsk-[A-Za-z0-9_*.-]{8,}/g, // OpenAI (sk-, sk-proj-, sk-svcacct-), Anthropic (sk-ant-), DeepSeek, ... incl. masked echoes
  /\bAIza[0-9A-Za-z_-]{16,}/g, // Google API keys (Gemini)
  /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g, // AWS access key ids
  /\b(?:gsk|hf|xai|pplx|r8|fw|nvapi|csk)[_-][A-Za-z0-9_-]{16,}/g, // Groq, Hugging Face, xAI, Perplexity, Replicate, Fireworks, NVIDIA, Cerebras
  /\bgh[pousr]_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,}/g, // GitHub tokens
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, // Slack tokens
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWTs (Azure AD, Vertex access tokens)
  /\bya29\.[A-Za-z0-9_-]{16,}/g, // Google OAuth access tokens
  // Any long unbroken run mixing letters and digits: Azure keys (32 hex), Mistral and Cohere keys.
  /\b(?=[A-Za-z0-9_-]{32,})(?=[A-Za-z_-]*[0-9])(?=[0-9_-]*[A-Za-z])[A-Za-z0-9_-]{32,}\b/g,
];

/** `text` with credentials removed and at most MAX_SPAN_TEXT_CHARS long. */
export function redactSpanText(text: string): string {
  let redacted = text.replace(URL_IN_TEXT, (url) => redactUrlText(url));
  redacted = redacted.replace(QUOTED_HEADER_VALUE, (match, quote: string | undefined, prefix: string | undefined, prefixQuote: string | undefined) =>
    quote !== undefined ? `${quote}${REDACTED}${quote}` : `${prefix}${prefixQuote}${REDACTED}${prefixQuote}`,
  );
  redacted = redacted.replace(CREDENTIAL_PAIR, (_match, name: string, separator: string, value: string) => {
    const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
    return `${name}${separator}${quote}${REDACTED}${quote}`;
  });
  redacted = redactKeyShapes(redacted);
  return redacted.length > MAX_SPAN_TEXT_CHARS ? `${redacted.slice(0, MAX_SPAN_TEXT_CHARS)}…` : redacted;
}

/**
 * `url.full` for a span: userinfo replaced by `REDACTED:REDACTED` as the convention asks, the
 * query and fragment left out (they are where credentials travel and have no place in a span
 * name's neighbour), key-shaped path segments redacted.
 */
export function redactedUrlFull(url: URL): string {
  const userinfo = url.username || url.password ? `${REDACTED}:${REDACTED}@` : '';
  return redactSpanText(`${url.protocol}//${userinfo}${url.host}${redactKeyShapes(url.pathname)}`);
}

function redactUrlText(text: string): string {
  // A URL ends before trailing sentence punctuation; it goes back on after the URL.
  const trailing = /[.,;:!?)\]}]+$/.exec(text)?.[0] ?? '';
  const body = trailing ? text.slice(0, -trailing.length) : text;
  let url: URL;
  try {
    url = new URL(body);
  } catch {
    // Not parseable: keep the scheme and nothing that could be a credential.
    return `${body.slice(0, body.indexOf('://') + 3)}${REDACTED}${trailing}`;
  }
  if (url.username || url.password) {
    url.username = REDACTED;
    url.password = REDACTED;
  }
  for (const name of [...url.searchParams.keys()]) {
    if (CREDENTIAL_QUERY_PARAMETERS.has(name.toLowerCase())) url.searchParams.set(name, REDACTED);
  }
  // A fragment with parameters can carry an OAuth token (implicit flow); a plain anchor stays.
  if (url.hash.includes('=')) url.hash = '';
  return redactKeyShapes(url.href) + trailing;
}

function redactKeyShapes(text: string): string {
  let redacted = text;
  for (const shape of KEY_SHAPES) redacted = redacted.replace(shape, REDACTED);
  return redacted;
}
