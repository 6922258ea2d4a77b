/**
 * First run in kiosk mode (turned on by a flag or the environment with no PIN yet): before
 * anything else, whoever set the machine up chooses the admin PIN that will unlock it.
 */
import type { KioskState } from '../../../shared/bridge';
import { NewPinEntry } from '../components/NewPinEntry';
import { Wordmark } from '../components/Wordmark';
import { usePinCall } from '../hooks/usePinCall';
import { KIOSK_EXIT_HELP } from '../kiosk';
import { FocusScreen } from '../spatial';
import { useBridge } from '../hooks/useBridge';

export function KioskSetup({ onDone }: { onDone: (state: KioskState) => void }) {
  const bridge = useBridge();
  const { pending, error, submit: save } = usePinCall('enableKiosk', (pin) => bridge.enableKiosk(pin), onDone);

  return (
    <FocusScreen as="main" focusKey="kiosk-setup" className="screen kiosk-setup">
      <header className="kiosk-setup__brand">
        <Wordmark size="md" />
      </header>
      <div className="kiosk-setup__body">
        <div className="kiosk-setup__text">
          <p className="eyebrow">Kiosk mode is on</p>
          <h1 className="kiosk-setup__title">Set an admin PIN</h1>
          <p className="kiosk-setup__lead">
            This PIN unlocks kiosk mode. Only someone who knows it can leave kiosk mode on this
            computer, so keep it to the people who look after it.
          </p>
          <ul className="points">
            <li>Choose 4 to 8 digits, then enter them again to be sure.</li>
            <li>{KIOSK_EXIT_HELP}</li>
          </ul>
        </div>
        <div className="kiosk-setup__pad">
          <NewPinEntry pending={pending} error={error} onDone={(pin) => void save(pin)} />
        </div>
      </div>
    </FocusScreen>
  );
}
