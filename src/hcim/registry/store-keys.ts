// Store collection names of the HCIM overlay (all cleared by reset).

export const COLLECTIONS = {
  /** PHN -> Person: population records the registry changed, and persons it added. */
  persons: 'hcim.persons',
  /** `partner|system|value` -> SourceRecord. */
  sources: 'hcim.sources',
  /** `partner|messageId` -> first use. */
  messages: 'hcim.messages',
  /** id -> Subscription. */
  subscriptions: 'hcim.subscriptions',
  /** partner -> async call-back endpoint. */
  callbacks: 'hcim.callbacks',
  /** 'phn' -> next PHN body to try; 'seq' -> next source record seq. */
  counters: 'hcim.counters',
} as const;

export function sourceKey(partner: string, system: string, value: string): string {
  return `${partner}|${system}|${value}`;
}
