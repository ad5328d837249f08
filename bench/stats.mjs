// Small statistics for the benchmark: medians across rounds.

export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** [lower quartile, median, upper quartile], interpolated between ranks. */
export function quartiles(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [Number.NaN, Number.NaN, Number.NaN];
  const at = (q) => {
    const rank = q * (sorted.length - 1);
    const low = Math.floor(rank);
    return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (rank - low);
  };
  return [at(0.25), at(0.5), at(0.75)];
}
