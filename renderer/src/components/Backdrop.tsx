/**
 * A title's generated art as a full-bleed backdrop (hero, title page, player): the same drawing as
 * its poster tile (ArtShapes), scaled up and without the lettering, so text and controls can sit
 * on top of it.
 */
import { useId } from 'react';
import type { Title } from '../../../shared/types';
import { titleArt } from '../art';
import { ArtShapes } from './ArtShapes';
import { svgId } from './svgId';

export function Backdrop({ title, className }: { title: Pick<Title, 'id' | 'title' | 'hue'> & Partial<Pick<Title, 'genre'>>; className?: string }) {
  const rid = useId();
  const art = titleArt(title);
  return (
    <svg className={className} viewBox="0 0 320 180" preserveAspectRatio="xMidYMid slice" aria-hidden="true" focusable="false" data-motif={art.motif}>
      <ArtShapes art={art} gradientId={svgId(rid, 'bg')} />
    </svg>
  );
}
