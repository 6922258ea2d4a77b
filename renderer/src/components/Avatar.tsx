/** A profile's generated avatar: a friendly face on a coloured tile, drawn from the avatar key. */
import { useId } from 'react';
import { avatarArt } from '../art';
import { svgId } from './svgId';

export function Avatar({ avatarKey, className }: { avatarKey: string; className?: string }) {
  const art = avatarArt(avatarKey);
  const id = svgId(useId(), 'bg');
  const { hue } = art;
  return (
    <svg className={className} viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id={id} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor={`hsl(${hue} 78% 58%)`} />
          <stop offset="1" stopColor={`hsl(${(hue + 35) % 360} 70% 36%)`} />
        </linearGradient>
      </defs>
      <rect width="100" height="100" rx="8" fill={`url(#${id})`} />
      <rect
        x="-20"
        y="62"
        width="140"
        height="60"
        fill={`hsl(${(hue + 180) % 360} 60% 20% / 0.25)`}
        transform={`rotate(${art.tilt} 50 50)`}
      />
      <Eyes kind={art.eyes} />
      <Mouth kind={art.mouth} />
    </svg>
  );
}

const INK = 'rgb(255 255 255 / 0.95)';

function Eyes({ kind }: { kind: 0 | 1 | 2 | 3 }) {
  switch (kind) {
    case 0:
      return (
        <g fill={INK}>
          <circle cx="34" cy="40" r="6.5" />
          <circle cx="66" cy="40" r="6.5" />
        </g>
      );
    case 1:
      return (
        <g fill="none" stroke={INK} strokeWidth="5" strokeLinecap="round">
          <path d="M27 42 q7 -9 14 0" />
          <path d="M59 42 q7 -9 14 0" />
        </g>
      );
    case 2:
      return (
        <g fill={INK}>
          <rect x="27" y="34" width="13" height="13" rx="3" />
          <rect x="60" y="34" width="13" height="13" rx="3" />
        </g>
      );
    default:
      return (
        <g fill={INK}>
          <ellipse cx="34" cy="40" rx="5" ry="8" />
          <ellipse cx="66" cy="40" rx="5" ry="8" />
        </g>
      );
  }
}

function Mouth({ kind }: { kind: 0 | 1 | 2 }) {
  switch (kind) {
    case 0:
      return <path d="M30 62 q20 20 40 0" fill="none" stroke={INK} strokeWidth="5" strokeLinecap="round" />;
    case 1:
      return <path d="M32 62 h36 a18 16 0 0 1 -36 0 z" fill={INK} />;
    default:
      return <path d="M34 66 q16 10 32 0" fill="none" stroke={INK} strokeWidth="5" strokeLinecap="round" />;
  }
}
