/** A title's generated poster art: a gradient from its hue, abstract shapes, its name. */
import { useId } from 'react';
import type { Title } from '../../../shared/types';
import { hashString, normHue, wrapTitle } from '../art';
import { svgId } from './svgId';

export function Poster({ title }: { title: Title }) {
  const hue = normHue(title.hue);
  const rid = useId();
  const bg = svgId(rid, 'bg');
  const shade = svgId(rid, 'shade');
  const h = hashString(title.id || title.title);
  const lines = wrapTitle(title.title.toUpperCase(), 14, 3);
  const cx = 200 + (h % 100);
  const cy = 40 + ((h >>> 8) % 60);
  const r = 70 + ((h >>> 16) % 50);
  // Shrink to fit the longest line (bold capitals run about 0.74em wide) within 288 units.
  const longest = Math.max(1, ...lines.map((l) => l.length));
  const fontSize = Math.min(lines.length > 2 ? 22 : 27, 288 / (longest * 0.74));
  const lineHeight = fontSize * 1.08;
  const baseY = 158 - (lines.length - 1) * lineHeight;
  return (
    <svg className="poster" viewBox="0 0 320 180" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id={bg} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor={`hsl(${hue} 70% 46%)`} />
          <stop offset="1" stopColor={`hsl(${(hue + 40) % 360} 65% 14%)`} />
        </linearGradient>
        <linearGradient id={shade} x1="0" y1="0" x2="0" y2="1">
          <stop offset="0.35" stopColor="rgb(0 0 0 / 0)" />
          <stop offset="1" stopColor="rgb(0 0 0 / 0.7)" />
        </linearGradient>
      </defs>
      <rect width="320" height="180" fill={`url(#${bg})`} />
      <circle cx={cx} cy={cy} r={r} fill={`hsl(${(hue + 20) % 360} 85% 70% / 0.28)`} />
      <circle cx={cx - r * 0.55} cy={cy + r * 0.8} r={r * 0.45} fill={`hsl(${(hue + 200) % 360} 70% 55% / 0.18)`} />
      <rect width="320" height="180" fill={`url(#${shade})`} />
      <text className="poster__title" x="16" y={baseY} fontSize={fontSize} fill="#fff">
        {lines.map((line, i) => (
          <tspan key={i} x="16" dy={i === 0 ? 0 : lineHeight}>
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
