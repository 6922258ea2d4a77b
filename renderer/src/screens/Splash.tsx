/** The restoring screen: only the wordmark and how the connection is going, never account data. */
import { Wordmark } from '../components/Wordmark';

export function Splash({ offline, retryInSeconds }: { offline: boolean; retryInSeconds?: number }) {
  let message = 'Connecting…';
  if (offline) {
    message = "Can't reach the Couchside service. Retrying…";
    if (retryInSeconds !== undefined && retryInSeconds > 0) {
      message = `Can't reach the Couchside service. Retrying in ${retryInSeconds} s…`;
    }
  }
  return (
    <main className="screen splash" aria-busy={!offline}>
      <Wordmark size="lg" />
      <div className={`splash__status${offline ? ' splash__status--offline' : ''}`} role="status">
        {offline ? null : <span className="spinner" aria-hidden="true" />}
        <span>{message}</span>
      </div>
    </main>
  );
}
