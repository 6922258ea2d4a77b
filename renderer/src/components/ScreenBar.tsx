/**
 * The header of a screen opened over Home: the wordmark, and "Switch profile" (every screen's
 * menu offers it, so a shared living-room PC can change viewer from anywhere).
 */
import type { Ref } from 'react';
import { FocusButton } from '../spatial';
import { SwitchIcon } from './Icons';
import { Wordmark } from './Wordmark';

export function ScreenBar({
  onSwitchProfile,
  switchRef,
}: {
  onSwitchProfile?: () => void;
  switchRef?: Ref<HTMLButtonElement>;
}) {
  return (
    <header className="settings__bar">
      <Wordmark size="sm" />
      {onSwitchProfile ? (
        <FocusButton ref={switchRef} className="btn btn--ghost" onClick={onSwitchProfile}>
          <SwitchIcon />
          <span>Switch profile</span>
        </FocusButton>
      ) : null}
    </header>
  );
}
