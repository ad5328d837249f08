import type { KeywordRule } from '../config/router-config.js';
import type { SignalMatches } from './signal-matches.js';

/**
 * Keyword rules as the vLLM Semantic Router defines them: each keyword is a regular expression;
 * OR matches when any is found, AND when all are, NOR when none is. A keyword match is certain, so
 * its confidence is 1.
 */
export function evaluateKeywordRules(rules: readonly KeywordRule[], text: string): SignalMatches {
  const matches: SignalMatches = new Map();
  for (const rule of rules) {
    const found = rule.patterns.filter((pattern) => pattern.test(text)).length;
    const matched =
      rule.operator === 'OR' ? found > 0 : rule.operator === 'AND' ? found === rule.patterns.length : found === 0;
    if (matched) matches.set(rule.name, 1);
  }
  return matches;
}
