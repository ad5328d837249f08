/**
 * `gen_ai.provider.name` and `gen_ai.operation.name` values that the conventions' well-known lists
 * (mirrored in semconv.ts) do not have yet. Each is the name the provider uses for itself and the
 * recorded corpus carries; when the conventions add one, its constant moves to semconv.ts.
 */

export const PROVIDER_NAME_VALUE_ALEPH_ALPHA = 'aleph_alpha' as const;
export const PROVIDER_NAME_VALUE_CEREBRAS = 'cerebras' as const;
export const PROVIDER_NAME_VALUE_FIREWORKS_AI = 'fireworks_ai' as const;
export const PROVIDER_NAME_VALUE_HUGGINGFACE = 'huggingface' as const;
export const PROVIDER_NAME_VALUE_NVIDIA = 'nvidia' as const;
export const PROVIDER_NAME_VALUE_OLLAMA = 'ollama' as const;
export const PROVIDER_NAME_VALUE_OPENROUTER = 'openrouter' as const;
export const PROVIDER_NAME_VALUE_TOGETHER = 'together' as const;
export const PROVIDER_NAME_VALUE_VOYAGEAI = 'voyageai' as const;
export const PROVIDER_NAME_VALUE_WRITER = 'writer' as const;

export const OPERATION_NAME_VALUE_IMAGE_GENERATION = 'image_generation' as const;
export const OPERATION_NAME_VALUE_RERANK = 'rerank' as const;

// OpenAI endpoints outside chat, completions and embeddings, which the conventions' operation list
// does not name; each is `<what>_<action>` like image_generation.
export const OPERATION_NAME_VALUE_AUDIO_TRANSCRIPTION = 'audio_transcription' as const;
export const OPERATION_NAME_VALUE_AUDIO_TRANSLATION = 'audio_translation' as const;
export const OPERATION_NAME_VALUE_SPEECH_GENERATION = 'speech_generation' as const;
export const OPERATION_NAME_VALUE_IMAGE_EDIT = 'image_edit' as const;
export const OPERATION_NAME_VALUE_MODERATION = 'moderation' as const;
export const OPERATION_NAME_VALUE_FILE_UPLOAD = 'file_upload' as const;
export const OPERATION_NAME_VALUE_BATCH_CREATION = 'batch_creation' as const;
