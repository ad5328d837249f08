/** `{operation} {model}` as the GenAI conventions name client spans, or the operation alone. */
export function genAiSpanName(operation: string, model: string | undefined): string {
  return model ? `${operation} ${model}` : operation;
}
