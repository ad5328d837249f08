/**
 * The OpenAI endpoints beyond chat, completions and embeddings that still run a model or feed one:
 * audio in and out, image edits, moderation, and the file uploads and batches that batch jobs
 * start from. Audio transcription/translation, image edits and file uploads are multipart uploads.
 */
import {
  OPERATION_NAME_VALUE_AUDIO_TRANSCRIPTION, OPERATION_NAME_VALUE_AUDIO_TRANSLATION, OPERATION_NAME_VALUE_BATCH_CREATION,
  OPERATION_NAME_VALUE_FILE_UPLOAD, OPERATION_NAME_VALUE_IMAGE_EDIT, OPERATION_NAME_VALUE_MODERATION, OPERATION_NAME_VALUE_SPEECH_GENERATION,
} from '../../gen-ai-values.js';

const OPERATIONS_BY_PATH_END: ReadonlyArray<readonly [string, string]> = [
  ['/audio/transcriptions', OPERATION_NAME_VALUE_AUDIO_TRANSCRIPTION],
  ['/audio/translations', OPERATION_NAME_VALUE_AUDIO_TRANSLATION],
  ['/audio/speech', OPERATION_NAME_VALUE_SPEECH_GENERATION],
  ['/images/edits', OPERATION_NAME_VALUE_IMAGE_EDIT],
  ['/moderations', OPERATION_NAME_VALUE_MODERATION],
  ['/files', OPERATION_NAME_VALUE_FILE_UPLOAD],
  ['/batches', OPERATION_NAME_VALUE_BATCH_CREATION],
];

export const FILE_AND_MEDIA_OPERATIONS: ReadonlySet<string> = new Set(OPERATIONS_BY_PATH_END.map(([, operation]) => operation));

/** The operations whose parameters travel as multipart fields next to the file. */
export const MULTIPART_OPERATIONS: ReadonlySet<string> = new Set([
  OPERATION_NAME_VALUE_AUDIO_TRANSCRIPTION, OPERATION_NAME_VALUE_AUDIO_TRANSLATION, OPERATION_NAME_VALUE_IMAGE_EDIT, OPERATION_NAME_VALUE_FILE_UPLOAD,
]);

export function fileOrMediaOperationOf(path: string): string | undefined {
  for (const [end, operation] of OPERATIONS_BY_PATH_END) if (path.endsWith(end)) return operation;
  return undefined;
}

/** JSON (the result object or an error) and SSE (streamed transcripts) are read; audio and subtitles are not. */
export function fileOrMediaResponseIsJson(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json') || type === 'text/event-stream';
}
