/** The restoring screen: only the wordmark and how the connection is going, never account data. */
import { Wordmark } from '../components/Wordmark';

export function Splash({ offline, retryInSeconds }: { offline: boolean; retryInSeconds?: number }) {
  return (
    <main className="screen splash" aria-busy={!offline}>
      <Wordmark size="lg" />
      <div className="splash__message">
        <div className={`splash__status${offline ? ' splash__status--offline' : ''}`} role="status">
          {offline ? null : <span className="spinner" aria-hidden="true" />}
          <span>{offline ? "Can't reach the Couchside service. Retrying…" : 'Connecting…'}</span>
        </div>
        {offline && retryInSeconds !== undefined && retryInSeconds > 0 ? (
          <p className="splash__retry">
            Next try in {retryInSeconds} {retryInSeconds === 1 ? 'second' : 'seconds'}
          </p>
        ) : null}
      </div>
    </main>
  );
}
