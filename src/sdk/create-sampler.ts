import {
  AlwaysOffSampler, AlwaysOnSampler, ParentBasedSampler, TraceIdRatioBasedSampler, type Sampler,
} from '@opentelemetry/sdk-trace';
import type { SamplingConfig } from '../config/types.js';

/**
 * The configured sampler decides for new root traces only; a span with a parent follows its
 * parent's decision. That keeps a trace whole across services: the router and the model backend
 * keep exactly the traces the app kept.
 */
export function createSampler(sampling: SamplingConfig): Sampler {
  const root =
    sampling.type === 'always_off'
      ? new AlwaysOffSampler()
      : sampling.type === 'probabilistic'
        ? new TraceIdRatioBasedSampler(sampling.rate)
        : new AlwaysOnSampler();
  return new ParentBasedSampler({ root });
}
