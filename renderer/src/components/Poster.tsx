/** A title's generated poster art: its motif (ArtShapes, from art.ts) and its whole name, as large as it fits. */
import { useId } from 'react';
import type { Title } from '../../../shared/types';
import { fitTitle, titleArt } from '../art';
import { ArtShapes } from './ArtShapes';
import { svgId } from './svgId';

/** Where the name goes: the lower part of the 320x180 poster, clear of the rating badge above it. */
const TEXT_X = 16;
const TEXT_BASE = 164;
const TEXT_WIDTH = 288;
const TEXT_HEIGHT = 98;

export function Poster({ title }: { title: Pick<Title, 'id' | 'title' | 'genre' | 'hue'> }) {
  const rid = useId();
  const art = titleArt(title);
  const shade = svgId(rid, 'shade');
  const text = art.serif ? title.title : title.title.toUpperCase();
  const { lines, fontSize } = fitTitle(text, {
    width: TEXT_WIDTH,
    height: TEXT_HEIGHT,
    maxLines: 4,
    maxFontSize: art.serif ? 32 : 29,
    // Bold capitals run about 0.74em wide; bold serif in mixed case about 0.6em.
    advance: art.serif ? 0.6 : 0.74,
  });
  const lineHeight = fontSize * 1.08;
  const baseY = TEXT_BASE - (lines.length - 1) * lineHeight;
  return (
    <svg className="poster" viewBox="0 0 320 180" aria-hidden="true" focusable="false" data-motif={art.motif}>
      <ArtShapes art={art} gradientId={svgId(rid, 'bg')} />
      <defs>
        <linearGradient id={shade} x1="0" y1="0" x2="0" y2="1">
          <stop offset="0.3" stopColor="rgb(0 0 0 / 0)" />
          <stop offset="1" stopColor="rgb(0 0 0 / 0.75)" />
        </linearGradient>
      </defs>
      <rect width="320" height="180" fill={`url(#${shade})`} />
      <text className={`poster__title${art.serif ? ' poster__title--serif' : ''}`} x={TEXT_X} y={baseY} fontSize={fontSize} fill="#fff">
        {lines.map((line, i) => (
          <tspan key={i} x={TEXT_X} dy={i === 0 ? 0 : lineHeight}>
            {/* A trailing space keeps the words of two lines apart for anything reading the text. */}
            {i < lines.length - 1 ? `${line} ` : line}
          </tspan>
        ))}
      </text>
    </svg>
  );
}

/**
 * A title's rating, drawn over the top-right corner of its tile. It sits beside the tile's button,
 * not inside it, so the button's visible text is its name (the title) alone (WCAG 2.5.3, label in
 * name); the button's description carries the rating for screen readers.
 */
export function RatingBadge({ rating }: { rating: string }) {
  return (
    <span className="tile-badge" aria-hidden="true">
      {rating}
    </span>
  );
}
