/**
 * Settings → Kiosk mode: what it does, demo mode, the idle time, and "Turn on kiosk mode", which
 * asks for a new admin PIN twice before the host locks the window down.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KioskState } from '../../../shared/bridge';
import { KeypadDialog } from '../components/KeypadDialog';
import { NewPinEntry } from '../components/NewPinEntry';
import { RadioChoices } from '../components/RadioChoices';
import { ScreenBar } from '../components/ScreenBar';
import { isTyping, useKeys } from '../hooks/useKeys';
import { usePinCall } from '../hooks/usePinCall';
import { formatDuration, IDLE_CHOICES, KIOSK_EXIT_HELP, nearestIdleChoice } from '../kiosk';
import { FocusButton, FocusScreen } from '../spatial';
import { useBridge } from '../hooks/useBridge';

export interface KioskSettingsProps {
  kiosk: KioskState;
  onBack: () => void;
  onSwitchProfile: () => void;
  /** Kiosk mode is on (the host answered with the new state). */
  onEnabled: (state: KioskState) => void;
}

export function KioskSettings({ kiosk, onBack, onSwitchProfile, onEnabled }: KioskSettingsProps) {
  const bridge = useBridge();
  const [demoMode, setDemoMode] = useState(kiosk.demoMode);
  const [idle, setIdle] = useState(() => nearestIdleChoice(kiosk.idleResetSeconds));
  const [choosingPin, setChoosingPin] = useState(false);
  const demoSwitch = useRef<HTMLButtonElement>(null);
  const turnOnBtn = useRef<HTMLButtonElement>(null);
  const {
    pending,
    error,
    setError,
    submit: turnOn,
  } = usePinCall('enableKiosk', (pin) => bridge.enableKiosk(pin, { demoMode, idleResetSeconds: idle }), onEnabled);
  const demoLabelId = useId();
  const demoHintId = useId();
  const idleLabelId = useId();
  const idleHintId = useId();

  useEffect(() => {
    demoSwitch.current?.focus();
  }, []);

  useKeys(!choosingPin, (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e)) return;
    if (e.key === 'Escape' || e.key === 'Backspace') {
      e.preventDefault();
      onBack();
      return;
    }
    // Arrows are spatial navigation's.
  });

  const closePin = () => {
    setChoosingPin(false);
    setError(null);
    requestAnimationFrame(() => turnOnBtn.current?.focus());
  };

  return (
    <div className="screen settings kiosk-settings">
      <FocusScreen focusKey="kiosk-settings" className="settings__content" covered={choosingPin}>
        <ScreenBar onSwitchProfile={onSwitchProfile} />
        <main className="settings__body kiosk-settings__body">
          <div className="settings__intro">
            <h1 className="settings__title">Kiosk mode</h1>
            <p className="kiosk-settings__lead">
              For a living-room PC or a shop-window screen that everyone shares.
            </p>
            <ul className="points">
              <li>Couchside fills the screen, with no menus and no way out by the usual shortcuts.</li>
              <li>The mouse pointer hides after a few idle seconds.</li>
              <li>Nobody can leave kiosk mode without the admin PIN you choose next.</li>
              <li>{KIOSK_EXIT_HELP}</li>
            </ul>
          </div>
          <div className="kiosk-form">
            <div className="kiosk-form__row">
              <FocusButton
                ref={demoSwitch}
                role="switch"
                aria-checked={demoMode}
                aria-labelledby={demoLabelId}
                aria-describedby={demoHintId}
                className="switch"
                onClick={() => setDemoMode((v) => !v)}
              >
                <span id={demoLabelId} className="switch__label">
                  Demo mode
                </span>
                <span className="switch__state" aria-hidden="true">
                  {demoMode ? 'On' : 'Off'}
                </span>
                <span className="switch__track" aria-hidden="true">
                  <span className="switch__thumb" />
                </span>
              </FocusButton>
              <p id={demoHintId} className="kiosk-form__hint">
                After the idle time, the demo household is reset and signed back in, so every visitor
                starts fresh.
              </p>
            </div>
            <div className="kiosk-form__row">
              <p id={idleLabelId} className="kiosk-form__label">
                Return to the start after
              </p>
              <RadioChoices
                choices={IDLE_CHOICES}
                value={idle}
                label={formatDuration}
                onChoose={setIdle}
                aria-labelledby={idleLabelId}
                aria-describedby={idleHintId}
              />
              <p id={idleHintId} className="kiosk-form__hint">
                {demoMode
                  ? 'With nobody using it for that long, Couchside resets the demo household and signs back in to it.'
                  : 'With nobody using it for that long, Couchside goes back to the “Who’s watching?” screen.'}
              </p>
            </div>
            <div className="kiosk-form__actions">
              <FocusButton
                ref={turnOnBtn}
                className="btn btn--primary"
                onClick={() => {
                  setError(null);
                  setChoosingPin(true);
                }}
              >
                Turn on kiosk mode
              </FocusButton>
              <FocusButton className="btn btn--quiet" onClick={onBack}>
                Back
              </FocusButton>
            </div>
          </div>
        </main>
      </FocusScreen>
      {choosingPin ? (
        <KeypadDialog
          title="Set an admin PIN"
          body="This PIN unlocks kiosk mode. Enter it twice; you will need it to leave kiosk mode."
        >
          <NewPinEntry pending={pending} error={error} onDone={(pin) => void turnOn(pin)} onCancel={closePin} />
        </KeypadDialog>
      ) : null}
    </div>
  );
}
