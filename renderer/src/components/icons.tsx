import type { ReactElement } from 'react';

const paths: Record<string, ReactElement> = {
  connections: (
    <>
      <circle cx="7" cy="12" r="3" />
      <circle cx="17" cy="6" r="3" />
      <circle cx="17" cy="18" r="3" />
      <path d="M9.6 10.6 14.4 7.4M9.6 13.4l4.8 3.2" />
    </>
  ),
  inspector: (
    <>
      <circle cx="11" cy="11" r="6" />
      <path d="m20 20-4.3-4.3M8.5 11h5M11 8.5v5" />
    </>
  ),
  composer: (
    <>
      <path d="M4 12h12M12 6l6 6-6 6" />
      <path d="M20 4v16" />
    </>
  ),
  settings: (
    <>
      <circle cx="12" cy="12" r="3" />
      <path d="M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9 7 7M17 17l2.1 2.1M4.9 19.1 7 17M17 7l2.1-2.1" />
    </>
  ),
  key: (
    <>
      <circle cx="8" cy="15" r="4" />
      <path d="m11 12 9-9M17 6l3 3M15 8l2 2" />
    </>
  ),
};

/** Small stroke icons; decorative, so hidden from assistive tech (controls carry their own names). */
export function Icon({
  name,
  size = 20,
}: {
  name: keyof typeof paths;
  size?: number;
}): ReactElement {
  return (
    <svg
      aria-hidden="true"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {paths[name]}
    </svg>
  );
}
