import type { ReactElement } from 'react';
import { useStore } from '../store/store.js';
import type { Area } from '../store/slices/ui-slice.js';
import { Icon } from './icons.js';

const AREAS: { id: Exclude<Area, 'settings'>; label: string; hint: string }[] = [
  { id: 'connections', label: 'Connections', hint: 'Service accounts and their tokens' },
  { id: 'inspector', label: 'Inspector', hint: 'Decode and verify tokens' },
  { id: 'composer', label: 'Composer', hint: 'Call platform APIs' },
];

function NavButton({ id, label, hint }: { id: Area; label: string; hint: string }): ReactElement {
  const area = useStore((s) => s.area);
  const setArea = useStore((s) => s.setArea);
  return (
    <button
      type="button"
      className="nav-item"
      aria-current={area === id ? 'page' : undefined}
      title={hint}
      onClick={() => setArea(id)}
    >
      <Icon name={id} />
      <span>{label}</span>
    </button>
  );
}

/** The left rail: the three work areas, then settings at the bottom. */
export function Sidebar(): ReactElement {
  const mode = useStore((s) => s.info?.mode);
  return (
    <nav className="sidebar" aria-label="Areas">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="key" size={18} />
        </span>
        <span className="brand-name">Grantline</span>
      </div>
      {AREAS.map((area) => (
        <NavButton key={area.id} {...area} />
      ))}
      <div className="sidebar-spacer" />
      {mode === 'browser' && (
        <p className="mode-badge" title="Running as a local web page served by grantline serve">
          Browser mode
        </p>
      )}
      <NavButton id="settings" label="Settings" hint="About, appearance and security" />
    </nav>
  );
}
