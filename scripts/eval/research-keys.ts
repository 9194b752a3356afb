// Key sets the evaluation measures beside the product's: they are not used by the extension.
import { singleKeys, storedKeys } from '../../lib/matching/fingerprint';

/** Every stored key of a quote plus a single-term key per content word: the widest lookup, the yardstick for queryKeys. */
export function lookupKeys(text: string): string[] {
  return [...new Set([...storedKeys(text), ...singleKeys(text)])];
}
