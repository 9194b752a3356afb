// One worker of the extraction pool: an input in, its page payload (or why not) out. jsdom and
// Readability, the costly part of a scan, run here; matching stays on the main thread.
import { loadInput, type Loaded, type ScanInput } from '../scan-load';

export default async function extract(input: ScanInput): Promise<Loaded> {
  try {
    return await loadInput(input);
  } catch (e) {
    return { error: `${input.name}: ${(e as Error).message}` };
  }
}
