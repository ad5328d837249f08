/**
 * Explicit bucket boundaries the GenAI metric conventions recommend ("This metric SHOULD be
 * specified with ExplicitBucketBoundaries of ..."), for token counts and for durations in
 * seconds. Source: semantic-conventions docs/gen-ai/gen-ai-metrics.md (v1.41) and, unchanged,
 * semantic-conventions-genai docs/gen-ai/client-inference.md and gen-ai-token-metrics.md.
 */
export const TOKEN_COUNT_BUCKETS: readonly number[] = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];

export const DURATION_SECONDS_BUCKETS: readonly number[] = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];
