import { useEffect, useState, type ReactElement } from 'react';
import { formatDuration } from './format.js';

/** Time since `startedAt`, ticking while it is shown (a request is running). */
export function ElapsedTimer({ startedAt }: { startedAt: number }): ReactElement {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, []);
  return (
    <span className="elapsed-timer cx-mono" aria-label="Elapsed time" role="timer">
      {formatDuration(Math.max(0, now - startedAt))}
    </span>
  );
}
