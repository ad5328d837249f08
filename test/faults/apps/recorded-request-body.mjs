// The request body a recording was made with, as the text the client sent.
import fs from 'node:fs';

const FIXTURE_DIR = new URL('../../fixtures/llm-http/', import.meta.url);

export function recordedRequestBody(fixture) {
  const { request } = JSON.parse(fs.readFileSync(new URL(`${fixture}.json`, FIXTURE_DIR), 'utf8'));
  return typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
}
