// lib/page/layout.ts: where markers and cards go, as arithmetic on measured boxes. Lines are laid
// out here by hand (18 px text on tight 18 px lines, as several outlets set them).
import { describe, it, expect } from 'vitest';
import {
  cardPosition,
  markerBox,
  markerPoint,
  spreadMarkers,
  CARD_GAP_PX,
  CARD_MIN_HEIGHT_PX,
  CARD_WIDTH_PX,
  MARKER_EDGE_PX,
  MARKER_SIZE_PX,
  type Box,
} from '../lib/page/layout';

const box = (top: number, left: number, width: number, height: number): Box => ({ top, left, right: left + width, bottom: top + height });
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** A paragraph of `lines` full lines of text, `lineHeight` apart, in a column at `left`. */
function paragraph(top: number, left: number, width: number, lines: number, lineHeight: number) {
  const lineBoxes = Array.from({ length: lines }, (_, i) => box(top + i * lineHeight, left, width, lineHeight));
  return { block: box(top, left, width, lines * lineHeight), lines: lineBoxes };
}

const VIEW = { width: 1200, height: 800 };

describe('markerBox', () => {
  it('never covers a letter of the quote line or the lines around it, even on tight line-height', () => {
    for (const lineHeight of [14, 16, 18, 24, 32]) {
      const p = paragraph(100, 240, 680, 5, lineHeight);
      // a quote starting mid-way along the third line
      const line = { ...p.lines[2], left: 540 };
      const m = markerBox(line, p.block, VIEW);
      for (const l of p.lines) expect(overlaps(m, l), `line-height ${lineHeight}`).toBe(false);
      // ...and it stays beside its own line
      expect(m.top).toBeLessThan(p.lines[2].bottom);
      expect(m.bottom).toBeGreaterThan(p.lines[2].top);
    }
  });

  it('goes to the right margin when the column touches the left edge, and stays on screen', () => {
    const p = paragraph(50, 0, 600, 3, 18);
    const m = markerBox(p.lines[1], p.block, VIEW);
    for (const l of p.lines) expect(overlaps(m, l)).toBe(false);
    expect(m.left).toBeGreaterThanOrEqual(p.block.right);
    expect(m.right).toBeLessThanOrEqual(VIEW.width);
  });

  it('on a column as wide as the screen, stays inside the viewport and inside its own line height', () => {
    const p = paragraph(50, 0, 390, 3, 18);
    const m = markerBox({ ...p.lines[1], left: 395 }, p.block, { width: 390, height: 700 });
    expect(m.left).toBeGreaterThanOrEqual(MARKER_EDGE_PX);
    expect(m.right).toBeLessThanOrEqual(390 - MARKER_EDGE_PX);
    // centred on the line: what sticks out above is under half the marker, never the line above's glyph body
    expect(p.lines[1].top - m.top).toBeLessThanOrEqual((MARKER_SIZE_PX - 18) / 2 + 0.001);
  });
});

describe('spreadMarkers', () => {
  it('moves markers of quotes that start on the same line apart, outwards from the text', () => {
    const p = paragraph(100, 240, 680, 3, 18);
    const a = markerBox({ ...p.lines[0], left: 300 }, p.block, VIEW);
    const b = markerBox({ ...p.lines[0], left: 700 }, p.block, VIEW);
    const c = markerBox(p.lines[2], p.block, VIEW);
    const [sa, sb, sc] = spreadMarkers([a, b, c], [p.block, p.block, p.block]);
    expect(overlaps(sa!, sb!)).toBe(false);
    expect(sb!.right).toBeLessThanOrEqual(sa!.left);
    expect(sc).toEqual(c);
    expect(spreadMarkers([null, a], [null, p.block])).toEqual([null, a]);
  });

  it('places thousands of markers as checking every pair would, and none overlap', () => {
    // Lines of 18 px at fractional offsets, several quotes starting on some lines, a few blocks with
    // their markers on the right: the neighbour bands must find every collision a full scan finds.
    let seed = 7;
    const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const block = { top: 0, left: 240, right: 920, bottom: 200_000 };
    const right = { ...block, left: 0 };
    const boxes: Box[] = [];
    const blocks: Box[] = [];
    for (let i = 0; i < 4000; i++) {
      const line = Math.floor(i / (1 + Math.floor(rand() * 3)));
      const top = line * 18.4 + rand() * 3;
      const b = i % 50 === 0 ? right : block;
      boxes.push(markerBox({ top, bottom: top + 18, left: 300, right: 310 }, b, { width: 1200, height: 800 }));
      blocks.push(b);
    }
    const everyPair = (bs: Box[], bl: Box[]) => {
      const placed: Box[] = [];
      return bs.map((box, i) => {
        const outwards = box.left >= bl[i].right ? 1 : -1;
        let next = box;
        while (placed.some((p) => overlaps(p, next))) next = { ...next, left: next.left + outwards * 22, right: next.right + outwards * 22 };
        placed.push(next);
        return next;
      });
    };
    const spread = spreadMarkers(boxes, blocks);
    expect(spread).toEqual(everyPair(boxes, blocks));
    expect(spread.some((s, i) => s!.left !== boxes[i].left)).toBe(true);
  });
});

describe('markerPoint', () => {
  it('undoes overlay.css translate(-60%, -75%) and the overlay origin', () => {
    const m = box(100, 200, MARKER_SIZE_PX, MARKER_SIZE_PX);
    const at = markerPoint(m, { x: 10, y: -500 });
    expect(at.left - MARKER_SIZE_PX * 0.6).toBe(200 - 10);
    expect(at.top - MARKER_SIZE_PX * 0.75).toBe(100 + 500);
  });
});

describe('cardPosition', () => {
  const origin = { x: 0, y: 0 };
  it('opens below a quote with room below, never over the quote', () => {
    const rects = [box(100, 300, 500, 20), box(120, 240, 300, 20)];
    const c = cardPosition(rects, VIEW, origin, 0);
    expect(c.above).toBe(false);
    expect(c.top).toBe(140 + CARD_GAP_PX);
    expect(c.left).toBe(240);
  });

  it('opens above a quote near the bottom, its bottom edge above the quote', () => {
    const c = cardPosition([box(700, 100, 500, 20)], VIEW, origin, 0);
    expect(c.above).toBe(true);
    expect(c.top).toBeLessThanOrEqual(700 - CARD_GAP_PX);
    expect(c.maxHeight).toBeLessThanOrEqual(700);
  });

  it('stays inside the viewport horizontally and never shorter than its floor', () => {
    const narrow = { width: 360, height: 300 };
    const c = cardPosition([box(10, 340, 10, 280)], narrow, origin, 0);
    expect(c.left).toBeGreaterThanOrEqual(8);
    expect(c.left + Math.min(CARD_WIDTH_PX, narrow.width - 16)).toBeLessThanOrEqual(narrow.width - 8);
    expect(c.maxHeight).toBeGreaterThanOrEqual(CARD_MIN_HEIGHT_PX);
  });

  it('answers in overlay coordinates, and near the top of the view when the quote has no layout', () => {
    const c = cardPosition([box(100, 300, 500, 20)], VIEW, { x: 20, y: -1000 }, 0);
    expect(c.top).toBe(120 + CARD_GAP_PX + 1000);
    expect(c.left).toBe(280);
    const none = cardPosition([], VIEW, { x: 0, y: -1000 }, 1000);
    expect(none.top).toBeGreaterThan(2000);
  });
});
