import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One recorded exchange of test/fixtures/llm-http (see its README for every field). */
export interface Fixture {
  name: string;
  source: { repo: string; path: string; commit: string; interaction_index: number; license: string; recorded_with: string };
  provider: string;
  api: string;
  stream: boolean;
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown; body_encoding?: 'base64' };
  expected: Record<string, unknown> & {
    model_request: string | null;
    model_response: string | null;
    response_id: string | null;
    input_tokens: number | null;
    output_tokens: number | null;
    finish_reasons: Array<string | number> | null;
    operation: string;
  };
}

const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/llm-http');

export function loadFixture(name: string): Fixture {
  const file = name.endsWith('.json') ? name : `${name}.json`;
  const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, file), 'utf8')) as Omit<Fixture, 'name'>;
  return { ...fixture, name: file.replace(/\.json$/, '') };
}

export function listFixtures(filter: (fixture: Fixture) => boolean = () => true): Fixture[] {
  return fs
    .readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map(loadFixture)
    .filter(filter);
}

/** The exact response bytes the recording holds (base64 for binary event streams). */
export function fixtureResponseBytes(fixture: Fixture): Buffer {
  const body = fixture.response.body;
  if (fixture.response.body_encoding === 'base64') return Buffer.from(body as string, 'base64');
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
}
