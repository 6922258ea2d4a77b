/**
 * A title's generated art as a full-bleed backdrop (title page, player): the same gradient and
 * shapes as its poster tile (components/Poster.tsx, from art.ts), without the lettering, so text
 * and controls can sit on top of it.
 */
import { useId } from 'react';
import type { Title } from '../../../shared/types';
import { hashString, normHue } from '../art';
import { svgId } from './svgId';

/** The poster's 320x180 drawing, five times larger. */
const SCALE = 5;

export function Backdrop({ title, className }: { title: Pick<Title, 'id' | 'title' | 'hue'>; className?: string }) {
  const hue = normHue(title.hue);
  const rid = useId();
  const bg = svgId(rid, 'bg');
  const glow = svgId(rid, 'glow');
  const h = hashString(title.id || title.title);
  // Where Poster puts its shapes (same formulas), scaled up.
  const cx = (200 + (h % 100)) * SCALE;
  const cy = (40 + ((h >>> 8) % 60)) * SCALE;
  const r = (70 + ((h >>> 16) % 50)) * SCALE;
  return (
    <svg className={className} viewBox="0 0 1600 900" preserveAspectRatio="xMidYMid slice" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id={bg} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor={`hsl(${hue} 70% 46%)`} />
          <stop offset="1" stopColor={`hsl(${(hue + 40) % 360} 65% 14%)`} />
        </linearGradient>
        <radialGradient id={glow} cx="0.5" cy="0.5" r="0.5">
          <stop offset="0" stopColor={`hsl(${(hue + 20) % 360} 85% 70% / 0.34)`} />
          <stop offset="1" stopColor={`hsl(${(hue + 20) % 360} 85% 70% / 0.12)`} />
        </radialGradient>
      </defs>
      <rect width="1600" height="900" fill={`url(#${bg})`} />
      <circle cx={cx} cy={cy} r={r} fill={`url(#${glow})`} />
      <circle cx={cx - r * 0.55} cy={cy + r * 0.8} r={r * 0.45} fill={`hsl(${(hue + 200) % 360} 70% 55% / 0.18)`} />
      <circle cx={cx - r * 1.6} cy={cy + r * 0.2} r={r * 0.22} fill={`hsl(${(hue + 60) % 360} 80% 65% / 0.1)`} />
    </svg>
  );
}
