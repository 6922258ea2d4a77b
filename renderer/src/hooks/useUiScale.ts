/**
 * Settings → Display → "Text and tile size": the one place the UI scale is applied. Everything is
 * sized in rem, so scaling the root font size scales the whole app at once. Medium leaves the
 * stylesheet's own root size alone; Small and Large multiply it.
 */
import { useEffect } from 'react';
import { UI_SCALES, type UiScale } from '../../../shared/bridge';

/**
 * The stylesheet's root font size (styles/tokens.css, :root): 24px at 1920x1080, 16px at 1280x720. Kept here
 * too so a scale can multiply it; keep the two in step.
 */
export const BASE_ROOT_FONT_SIZE = 'clamp(12px, min(1.25vw, 2.2222vh), 48px)';
/** The custom property other styles may read (e.g. to size things not in rem). */
export const UI_SCALE_PROPERTY = '--ui-scale';

/** Applies `scale` to the root element now (null: nothing known yet, leave it as it is). */
export function applyUiScale(scale: UiScale | null | undefined, root: HTMLElement = document.documentElement): void {
  if (!scale) return;
  const factor = UI_SCALES[scale] ?? 1;
  root.style.setProperty(UI_SCALE_PROPERTY, String(factor));
  if (factor === 1) root.style.removeProperty('font-size');
  else root.style.setProperty('font-size', `calc(${BASE_ROOT_FONT_SIZE} * ${factor})`);
}

/** Keeps the root font size in step with the stored preference (at startup and on every change). */
export function useUiScale(scale: UiScale | null | undefined): void {
  useEffect(() => {
    applyUiScale(scale);
  }, [scale]);
}
