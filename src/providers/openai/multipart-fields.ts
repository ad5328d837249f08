/**
 * The short text fields (model, stream, n) of a multipart/form-data upload: audio transcriptions
 * and translations, image edits and file uploads send their parameters this way, next to a file
 * that can be hundreds of MB. The capture hands over a FormData: the app's own (reading its fields
 * by name consumes nothing), or the text fields it read from an encoded body as it went by
 * (capture/multipart-text-fields.ts). The file is never read.
 */

/** A parameter value is a model name or a flag; a longer "field" is not one we read. */
const MAX_FIELD_CHARS = 256;

interface FormDataLike {
  get(name: string): unknown;
}

function isFormData(body: unknown): body is FormDataLike {
  return typeof body === 'object' && body !== null && Object.prototype.toString.call(body) === '[object FormData]' && typeof (body as FormDataLike).get === 'function';
}

/** The named fields' string values; files, missing and over-long values are left out. */
export function multipartFields(body: unknown, names: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!isFormData(body)) return fields;
  for (const name of names) {
    const value = body.get(name);
    if (typeof value === 'string' && value.length <= MAX_FIELD_CHARS) fields[name] = value;
  }
  return fields;
}
