import type { EmbeddingRule } from '../config/router-config.js';
import { cosineSimilarity, type Embed } from './embedding-client.js';
import type { SignalMatches } from './signal-matches.js';

/**
 * Embedding rules: a rule matches when the query is similar enough to its example utterances:
 * `max` (the best candidate) or `any` (some candidate) reaching the threshold, or `avg` (the mean
 * over candidates) reaching it. The candidates are embedded once, on first use, in one call; a
 * failed call is retried on the next request rather than kept.
 */
export class EmbeddingSignal {
  private candidateVectors?: Promise<number[][][]>;

  constructor(
    private readonly rules: readonly EmbeddingRule[],
    private readonly embed: Embed,
  ) {}

  get hasRules(): boolean {
    return this.rules.length > 0;
  }

  async evaluate(queryVector: readonly number[]): Promise<SignalMatches> {
    const perRule = await this.candidates();
    const matches: SignalMatches = new Map();
    this.rules.forEach((rule, i) => {
      const similarities = perRule[i]!.map((vector) => cosineSimilarity(queryVector, vector));
      const best = Math.max(...similarities);
      const score = rule.aggregationMethod === 'avg' ? similarities.reduce((a, b) => a + b, 0) / similarities.length : best;
      if (score >= rule.threshold) matches.set(rule.name, clamp(score));
    });
    return matches;
  }

  private candidates(): Promise<number[][][]> {
    if (!this.candidateVectors) {
      const all = this.rules.flatMap((rule) => rule.candidates);
      this.candidateVectors = this.embed(all).then((vectors) => {
        let offset = 0;
        return this.rules.map((rule) => {
          const slice = vectors.slice(offset, offset + rule.candidates.length);
          offset += rule.candidates.length;
          return slice;
        });
      });
      this.candidateVectors.catch(() => (this.candidateVectors = undefined));
    }
    return this.candidateVectors;
  }
}

function clamp(value: number): number {
  return Math.max(0, Math.min(1, value));
}
