// lib/page/view-band.ts: which measured markers the band around the view places, in what steps,
// and which marker objects survive a move (the overlay redraws only changed objects).
import { describe, it, expect } from 'vitest';
import { ViewBand, bandAround, covers, withinBand, MARKER_STEP } from '../lib/page/view-band';
import type { MarkerView } from '../lib/status';

/** `n` markers 100 px apart, in text order; every seventh has no place (its quote is not laid out). */
function markers(n: number, gap = 100): MarkerView[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `q${i}`,
    status: 'new' as const,
    speaker: null,
    at: i % 7 === 3 ? null : { top: i * gap, left: 10 },
  }));
}

const placedIds = (band: ViewBand) => band.placed.filter((m) => m.at).map((m) => m.id);

function drawAll(band: ViewBand, at: { top: number; bottom: number }, drawing: unknown): number {
  const move = band.moveTo(at, drawing);
  if (!move) return 0;
  let steps = 0;
  for (let shown = 0; shown < move.next.length; steps++) shown = band.step(move, shown);
  return steps;
}

describe('the band around the view', () => {
  it('widens the view by whole screens each way, and knows when a view leaves it', () => {
    expect(bandAround(1000, 800, 2)).toEqual({ top: -600, bottom: 3400 });
    expect(covers({ top: 0, bottom: 100 }, { top: 0, bottom: 100 })).toBe(true);
    expect(covers({ top: 0, bottom: 100 }, { top: -1, bottom: 50 })).toBe(false);
    expect(covers({ top: 0, bottom: 100 }, { top: 50, bottom: 101 })).toBe(false);
  });

  it('finds the placed markers whose top lies in a band, whatever their text order', () => {
    const ms: MarkerView[] = [500, 100, 300, 900].map((top, i) => ({ id: `q${i}`, status: 'new', speaker: null, at: { top, left: 0 } }));
    const byTop = [1, 2, 0, 3];
    expect(withinBand(byTop, ms, { top: 100, bottom: 500 }).sort()).toEqual([0, 1, 2]);
    expect(withinBand(byTop, ms, { top: 501, bottom: 899 })).toEqual([]);
    expect(withinBand(byTop, ms, { top: 900, bottom: 900 })).toEqual([3]);
  });

  it('places the markers inside the band only, keeps every marker in text order, and moves with the view', () => {
    const band = new ViewBand();
    const drawing = {};
    const ms = markers(100);
    band.measure(ms);
    drawAll(band, { top: 0, bottom: 1000 }, drawing);
    expect(band.placed.map((m) => m.id)).toEqual(ms.map((m) => m.id));
    expect(placedIds(band)).toEqual(ms.filter((m) => m.at && m.at.top <= 1000).map((m) => m.id));
    const kept = band.placed.find((m) => m.id === 'q9')!;
    // a band that overlaps the last keeps the objects of the markers in both
    drawAll(band, { top: 500, bottom: 1500 }, drawing);
    expect(placedIds(band)).toEqual(ms.filter((m) => m.at && m.at.top >= 500 && m.at.top <= 1500).map((m) => m.id));
    expect(band.placed.find((m) => m.id === 'q9')).toBe(kept);
    expect(band.band).toEqual({ top: 500, bottom: 1500 });
    // the same band again changes nothing
    expect(band.moveTo({ top: 500, bottom: 1500 }, drawing)).toBeNull();
  });

  it('draws a move of many markers MARKER_STEP at a time, and a new drawing from scratch', () => {
    const band = new ViewBand();
    const ms = markers(3 * MARKER_STEP, 1);
    band.measure(ms);
    const steps = drawAll(band, { top: 0, bottom: 1e9 }, 'first');
    const placed = ms.filter((m) => m.at).length;
    expect(steps).toBe(Math.ceil(placed / MARKER_STEP));
    expect(placedIds(band)).toHaveLength(placed);
    // another drawing of the same markers does not reuse the first one's objects
    band.measure(ms.map((m) => ({ ...m })));
    expect(band.moveTo({ top: 0, bottom: 1e9 }, 'second')).not.toBeNull();
    band.clear();
    expect(band.placed).toEqual([]);
    expect(band.band).toBeNull();
  });
});
