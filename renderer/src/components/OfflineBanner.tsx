/** Says the service is unreachable without moving the user: a polite live region, never focused. */
export const OFFLINE_MESSAGE = "Can't reach the Couchside service. Retrying…";

export function OfflineBanner() {
  return (
    <div className="offline-banner" role="status">
      <span className="offline-banner__dot" aria-hidden="true" />
      {OFFLINE_MESSAGE}
    </div>
  );
}
