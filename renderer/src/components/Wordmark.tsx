/** The Couchside wordmark: our own lettering, drawn in text so it needs no image or font. */
export function Wordmark({ size = 'md' }: { size?: 'sm' | 'md' | 'lg' }) {
  return (
    <span className={`wordmark wordmark--${size}`} aria-label="Couchside" role="img">
      <span aria-hidden="true">COUCH</span>
      <span aria-hidden="true" className="wordmark__accent">
        SIDE
      </span>
    </span>
  );
}
