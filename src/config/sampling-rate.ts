/** What a sampling rate may be, in the file (`sampling.rate`) and in OTEL_TRACES_SAMPLER_ARG alike. */
export const RATE_ALLOWED = 'a number from 0 to 1';
