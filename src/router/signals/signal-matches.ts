/** Rule name -> confidence in [0, 1], for the rules of one signal type that matched. */
export type SignalMatches = Map<string, number>;

/** What the signals found for one request, by signal type. */
export interface SignalResults {
  readonly keyword: SignalMatches;
  readonly embedding: SignalMatches;
}
