/**
 * The short text fields (model, stream, purpose) of a multipart/form-data upload: audio
 * transcriptions and translations, image edits and file uploads send their parameters this way,
 * next to a file that can be hundreds of MB. Only what the capture hands over is read, and never
 * the file: a FormData's fields by name (reading them consumes nothing), or the text of a bounded
 * prefix of the encoded body, scanned part by part up to MAX_SCANNED_CHARS.
 */

/** Clients put the text fields before or right after the file; this is far past any field. */
const MAX_SCANNED_CHARS = 64 * 1024;
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
  if (isFormData(body)) {
    const fields: Record<string, string> = {};
    for (const name of names) {
      const value = body.get(name);
      if (typeof value === 'string' && value.length <= MAX_FIELD_CHARS) fields[name] = value;
    }
    return fields;
  }
  if (typeof body === 'string' && body.startsWith('--')) return fieldsOfEncodedPrefix(body.slice(0, MAX_SCANNED_CHARS), new Set(names));
  return {};
}

const FIELD_NAME = /content-disposition:[^\r\n]*?\bname="([^"]*)"/i;
const FILE_NAME = /content-disposition:[^\r\n]*?\bfilename\*?=/i;

function fieldsOfEncodedPrefix(text: string, names: ReadonlySet<string>): Record<string, string> {
  const firstLineEnd = text.indexOf('\r\n');
  if (firstLineEnd <= 2) return {};
  const delimiter = `\r\n${text.slice(0, firstLineEnd)}`;
  const fields: Record<string, string> = {};
  let partStart = firstLineEnd + 2;
  while (partStart < text.length) {
    const partEnd = text.indexOf(delimiter, partStart);
    // A part cut off by the prefix's end is incomplete: its value cannot be trusted.
    if (partEnd === -1) break;
    const headerEnd = text.indexOf('\r\n\r\n', partStart);
    if (headerEnd !== -1 && headerEnd < partEnd) {
      const headers = text.slice(partStart, headerEnd);
      const name = FIELD_NAME.exec(headers)?.[1];
      const value = text.slice(headerEnd + 4, partEnd);
      if (name !== undefined && names.has(name) && !FILE_NAME.test(headers) && value.length <= MAX_FIELD_CHARS) fields[name] = value;
    }
    partStart = partEnd + delimiter.length + 2; // past the delimiter and its CRLF (or `--` at the end)
  }
  return fields;
}
