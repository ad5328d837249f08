/** `gen_ai.request.choice.count` is recorded only when it is not the default of 1 (per the conventions). */
export function requestChoiceCount(n: number | undefined): number | undefined {
  return n !== undefined && n !== 1 ? n : undefined;
}
