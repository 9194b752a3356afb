// A part of the content script, imported into a page's content-script world only when the page
// needs it (lib/page/late-parts.ts): Readability and the quote finder (lib/page/reader-parts.ts).
import { providePart } from '@/lib/page/late-parts';
import { readerParts } from '@/lib/page/reader-parts';

export default defineUnlistedScript(() => providePart('reader', readerParts));
