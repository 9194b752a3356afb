// The quote card, drawn by Preact: a part of the content script loaded when the reader first opens
// a card on a page (entrypoints/page-card.ts, lib/page/late-parts.ts), so that a page whose cards
// stay closed never compiles Preact or the card.
import { render } from 'preact';
import { QuoteCard, type QuoteCardProps } from './QuoteCard';

/** Draws the card into `into`, or clears it (null). */
export type RenderCard = (card: QuoteCardProps | null, into: HTMLElement) => void;

export const renderCard: RenderCard = (card, into) => render(card ? <QuoteCard {...card} /> : null, into);
