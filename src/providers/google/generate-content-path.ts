import { decodePathSegment } from '../path-segment.js';

/**
 * What a Google model-call URL says. Gemini API:
 * `/v1beta/models/gemini-2.5-flash:generateContent`; Vertex AI:
 * `/v1/projects/p/locations/l/publishers/google/models/gemini-2.5-pro:streamGenerateContent`
 * (or `/v1/publishers/google/models/...` in express mode, `/endpoints/<id>:...` for a deployed
 * model). The method is the custom verb after the last `:`.
 */
export interface GenerateContentPath {
  /** The custom method: `generateContent`, `streamGenerateContent`, `rawPredict`, ... */
  method: string;
  /** The `<id>` of `models/<id>:`, percent-decoded; undefined for endpoints. */
  model?: string;
  /** The `<name>` of `publishers/<name>/models/`, on Vertex AI (`google`, `anthropic`, ...). */
  publisher?: string;
}

const METHOD_AT_END = /:([A-Za-z]+)$/;
const MODEL_SEGMENT = /\/models\/([^/:]+):[A-Za-z]+$/;
const PUBLISHER_SEGMENT = /\/publishers\/([^/]+)\/models\//;

export function readGenerateContentPath(pathname: string): GenerateContentPath | undefined {
  // Most paths have no custom method at all; this spares them the regular expressions.
  if (!pathname.includes(':')) return undefined;
  const method = METHOD_AT_END.exec(pathname)?.[1];
  if (!method) return undefined;
  const model = MODEL_SEGMENT.exec(pathname)?.[1];
  const publisher = PUBLISHER_SEGMENT.exec(pathname)?.[1];
  return { method, model: model ? decodePathSegment(model) : undefined, publisher: publisher ? decodePathSegment(publisher) : undefined };
}
