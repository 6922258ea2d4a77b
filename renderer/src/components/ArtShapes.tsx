/**
 * A title's generated art, drawn once for every size: the poster tile, the hero and the full-bleed
 * backdrop all draw these shapes in the same 320x180 box (the larger ones scale it up), so a title
 * looks the same wherever it appears. What to draw comes from `titleArt` (art.ts).
 */
import type { ReactNode } from 'react';
import { hslCss, titleGradient, type TitleArt } from '../art';

const W = 320;
const H = 180;

/** The background gradient and the motif. `gradientId` must be unique in the document. */
export function ArtShapes({ art, gradientId }: { art: TitleArt; gradientId: string }) {
  const { angle } = art;
  const [from, to] = titleGradient(art);
  const rad = (angle * Math.PI) / 180;
  const dx = Math.cos(rad) / 2;
  const dy = Math.sin(rad) / 2;
  return (
    <g>
      <defs>
        <linearGradient id={gradientId} x1={0.5 - dx} y1={0.5 - dy} x2={0.5 + dx} y2={0.5 + dy}>
          <stop offset="0" stopColor={hslCss(from)} />
          <stop offset="1" stopColor={hslCss(to)} />
        </linearGradient>
      </defs>
      <rect width={W} height={H} fill={`url(#${gradientId})`} />
      <g data-motif={art.motif}>{motif(art)}</g>
    </g>
  );
}

const tint = (hue: number, l: number, a: number, s = 80) => `hsl(${hue} ${s}% ${l}% / ${a})`;

function motif(art: TitleArt): ReactNode {
  const { hue, accent, seeds } = art;
  const [a, b, c, d] = seeds;
  switch (art.motif) {
    case 'orbs': {
      const cx = 200 + a * 100;
      const cy = 40 + b * 60;
      const r = 70 + c * 50;
      return (
        <>
          <circle cx={cx} cy={cy} r={r} fill={tint((hue + 20) % 360, 70, 0.28, 85)} />
          <circle cx={cx - r * 0.55} cy={cy + r * 0.8} r={r * 0.45} fill={tint(accent, 55, 0.2)} />
          <circle cx={cx - r * 1.5} cy={cy + r * 0.15} r={r * 0.2} fill={tint(accent, 65, 0.14)} />
        </>
      );
    }
    case 'bands': {
      // Three broad diagonal bands across the right of the picture.
      const tilt = -25 + a * 50;
      const x0 = 150 + b * 60;
      return (
        <g transform={`rotate(${tilt.toFixed(1)} ${W / 2} ${H / 2})`}>
          {[0, 1, 2].map((i) => (
            <rect
              key={i}
              x={x0 + i * (34 + c * 18)}
              y={-80}
              width={18 + (i + 1) * 9 * (0.5 + d)}
              height={H + 160}
              fill={i === 1 ? tint(accent, 60, 0.3) : tint((hue + 15) % 360, 72, 0.2)}
            />
          ))}
        </g>
      );
    }
    case 'horizon': {
      // A low sun over two layers of hills.
      const sx = 170 + a * 110;
      const sr = 28 + b * 22;
      const hill = (base: number, amp: number, phase: number) => {
        const pts: string[] = [];
        for (let x = 0; x <= W; x += 20) pts.push(`${x},${(base + Math.sin(x / 45 + phase) * amp).toFixed(1)}`);
        return `M0,${H} L${pts.join(' L')} L${W},${H} Z`;
      };
      return (
        <>
          <circle cx={sx} cy={92} r={sr} fill={tint((hue + 30) % 360, 78, 0.55, 90)} />
          <path d={hill(112, 10 + c * 8, d * 6)} fill={tint(accent, 30, 0.45, 45)} />
          <path d={hill(138, 8 + d * 6, c * 6 + 2)} fill={tint(hue, 12, 0.7, 40)} />
        </>
      );
    }
    case 'rings': {
      const cx = 210 + a * 80;
      const cy = 50 + b * 80;
      return (
        <>
          {[0, 1, 2, 3, 4].map((i) => (
            <circle key={i} cx={cx} cy={cy} r={18 + i * (16 + c * 8)} fill="none" stroke={tint(i % 2 ? accent : (hue + 20) % 360, 72, 0.32 - i * 0.045)} strokeWidth={3 + (i % 2) * 3} />
          ))}
          <circle cx={cx} cy={cy} r={9} fill={tint(accent, 80, 0.6)} />
        </>
      );
    }
    case 'grid': {
      // A floor of lines running to a vanishing point, and a band of light at the horizon.
      const vx = 120 + a * 160;
      const vy = 70 + b * 20;
      const rays = Array.from({ length: 11 }, (_, i) => -240 + i * 80);
      const floors = [0, 1, 2, 3, 4].map((i) => vy + (H - vy) * ((i + 1) / 5) ** 1.6);
      return (
        <>
          <rect x={0} y={vy - 2} width={W} height={4} fill={tint(accent, 75, 0.45)} />
          {rays.map((x) => (
            <line key={x} x1={vx} y1={vy} x2={vx + x * 2} y2={H + 20} stroke={tint(accent, 70, 0.22 + c * 0.1)} strokeWidth={1.5} />
          ))}
          {floors.map((y) => (
            <line key={y} x1={0} y1={y} x2={W} y2={y} stroke={tint(accent, 70, 0.2)} strokeWidth={1.5} />
          ))}
        </>
      );
    }
    case 'skyline': {
      // A city at night: blocks of buildings with a few lit windows, under a pale moon.
      const blocks = Array.from({ length: 9 }, (_, i) => {
        const h = 40 + ((Math.sin((i + 1) * (3 + a * 7)) + 1) / 2) * (50 + b * 30);
        return { x: i * 36 - 4, w: 30 + ((i * 7) % 5) * 2, h };
      });
      return (
        <>
          <circle cx={60 + c * 200} cy={38} r={16} fill={tint(accent, 85, 0.45, 60)} />
          {blocks.map((k, i) => (
            <g key={i}>
              <rect x={k.x} y={H - k.h} width={k.w} height={k.h} fill={tint(hue, 10 + (i % 3) * 4, 0.8, 35)} />
              {(i + Math.round(d * 3)) % 3 === 0 ? <rect x={k.x + 8} y={H - k.h + 10} width={6} height={8} fill={tint(accent, 75, 0.7)} /> : null}
            </g>
          ))}
        </>
      );
    }
    case 'confetti': {
      // Bright dots and squares scattered across the picture.
      return (
        <>
          {Array.from({ length: 14 }, (_, i) => {
            const x = (((i * 97 + a * 320) % 300) + 10) | 0;
            const y = (((i * 53 + b * 180) % 110) + 8) | 0;
            const s = 6 + ((i * 5 + c * 10) % 10);
            const fill = tint(i % 3 === 0 ? accent : (hue + i * 40) % 360, 68, 0.55, 90);
            return i % 2 ? (
              <circle key={i} cx={x} cy={y} r={s / 2} fill={fill} />
            ) : (
              <rect key={i} x={x} y={y} width={s} height={s} rx={2} transform={`rotate(${(i * 23 + d * 90) | 0} ${x + s / 2} ${y + s / 2})`} fill={fill} />
            );
          })}
        </>
      );
    }
    case 'spotlight': {
      // A cone of light from above onto a dark stage.
      const x = 150 + a * 130;
      return (
        <>
          <path d={`M${x - 14},-4 L${x + 14},-4 L${x + 70 + b * 30},${H} L${x - 70 - b * 30},${H} Z`} fill={tint((hue + 30) % 360, 80, 0.22, 70)} />
          <ellipse cx={x} cy={H - 14} rx={78 + b * 30} ry={12} fill={tint(accent, 80, 0.3, 70)} />
          <circle cx={x - 40 + c * 80} cy={20 + d * 30} r={4} fill={tint(accent, 90, 0.5)} />
        </>
      );
    }
  }
}
