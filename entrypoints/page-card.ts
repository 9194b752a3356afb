// A part of the content script, imported into a page's content-script world when the reader first
// opens a card there (lib/page/late-parts.ts): the card and Preact (components/card-part.tsx).
import { providePart } from '@/lib/page/late-parts';
import { renderCard } from '@/components/card-part';

export default defineUnlistedScript(() => providePart('card', renderCard));
