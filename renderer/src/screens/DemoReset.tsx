/** Full-screen while the demo household is reset between visitors (and, if that fails, why). */
import { Wordmark } from '../components/Wordmark';

export const DEMO_RESET_MESSAGE = 'Starting fresh for the next visitor…';

export function DemoReset({ error }: { error: string | null }) {
  return (
    <div className="screen demo-reset" aria-busy={error === null}>
      <Wordmark size="lg" />
      {error === null ? (
        <div className="demo-reset__status" role="status">
          <span className="spinner" aria-hidden="true" />
          <span>{DEMO_RESET_MESSAGE}</span>
        </div>
      ) : (
        <div className="demo-reset__error">
          <p className="form-error" role="alert">
            Couldn't reset the demo. {error}
          </p>
          <p className="demo-reset__hint">Going back to “Who's watching?”…</p>
        </div>
      )}
    </div>
  );
}
