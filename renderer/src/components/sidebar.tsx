import type { ReactElement } from 'react';
import { appCommands } from '#shared/commands.js';
import { setOverlay } from '../commands/registry.js';
import { formatShortcut } from '../commands/shortcuts.js';
import { useStore } from '../store/store.js';
import type { Area } from '../store/slices/ui-slice.js';
import { Icon } from './icons.js';
import { focusSoon, onListKeys } from './keyboard.js';

const AREAS: {
  id: Exclude<Area, 'settings'>;
  label: string;
  hint: string;
  command: 'go.connections' | 'go.inspector' | 'go.composer';
}[] = [
  {
    id: 'connections',
    label: 'Connections',
    hint: 'Service accounts and their tokens',
    command: 'go.connections',
  },
  {
    id: 'inspector',
    label: 'Inspector',
    hint: 'Decode and verify tokens',
    command: 'go.inspector',
  },
  { id: 'composer', label: 'Composer', hint: 'Call platform APIs', command: 'go.composer' },
];

const shortcutOf = (id: keyof typeof appCommands): string => {
  const spec = appCommands[id];
  const first = 'shortcut' in spec ? spec.shortcut[0] : undefined;
  return first === undefined ? '' : ` (${formatShortcut(first)})`;
};

function NavButton({
  id,
  label,
  hint,
  icon = id,
}: {
  id: Area;
  label: string;
  hint: string;
  icon?: Parameters<typeof Icon>[0]['name'];
}): ReactElement {
  const area = useStore((s) => s.area);
  const setArea = useStore((s) => s.setArea);
  const collapsed = useStore((s) => s.sidebarCollapsed);
  return (
    <button
      type="button"
      className="nav-item"
      data-list-item
      aria-current={area === id ? 'page' : undefined}
      aria-label={collapsed ? label : undefined}
      title={hint}
      onClick={() => setArea(id)}
    >
      <Icon name={icon} />
      {!collapsed && <span>{label}</span>}
    </button>
  );
}

/** How secrets are kept: a quiet icon once the banner was read; the detail is in Settings. */
function SecretStatus(): ReactElement | null {
  const protection = useStore((s) => s.info?.secretProtection);
  const collapsed = useStore((s) => s.sidebarCollapsed);
  const setArea = useStore((s) => s.setArea);
  if (protection === undefined) return null;
  const short = protection.secure ? 'Protected' : 'Unprotected';
  const label = protection.secure
    ? `${short}: secrets kept by ${protection.label}`
    : `${short}: secrets not protected by the operating system`;
  return (
    <button
      type="button"
      className={`nav-item secret-status ${protection.secure ? 'is-secure' : 'is-insecure'}`}
      aria-label={label}
      title={`${label}. Details in Settings.`}
      onClick={() => {
        setArea('settings');
        focusSoon('#about-heading');
      }}
    >
      <Icon name={protection.secure ? 'shield' : 'shield-alert'} />
      {!collapsed && <span>{short}</span>}
    </button>
  );
}

/** The left rail: the three work areas, then the palette, status and settings at the bottom. */
export function Sidebar(): ReactElement {
  const mode = useStore((s) => s.info?.mode);
  const collapsed = useStore((s) => s.sidebarCollapsed);
  const toggle = useStore((s) => s.toggleSidebar);
  return (
    <nav
      className={`sidebar ${collapsed ? 'is-collapsed' : ''}`}
      aria-label="Areas"
      onKeyDown={(e) => onListKeys(e, '.nav-item')}
    >
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="key" size={18} />
        </span>
        {!collapsed && <span className="brand-name">Grantline</span>}
      </div>
      {AREAS.map(({ command, hint, ...area }) => (
        <NavButton key={area.id} {...area} hint={`${hint}${shortcutOf(command)}`} />
      ))}
      <div className="sidebar-spacer" />
      {mode === 'browser' && !collapsed && (
        <p className="mode-badge" title="Running as a local web page served by grantline serve">
          Browser mode
        </p>
      )}
      <button
        type="button"
        className="nav-item"
        aria-label={collapsed ? 'Commands' : undefined}
        title={`All commands${shortcutOf('palette.open')}`}
        onClick={() => setOverlay('palette')}
      >
        <Icon name="command" />
        {!collapsed && <span>Commands</span>}
      </button>
      <SecretStatus />
      <NavButton
        id="settings"
        label="Settings"
        hint={`About, appearance and security${shortcutOf('go.settings')}`}
      />
      <button
        type="button"
        className="nav-item sidebar-toggle"
        aria-expanded={!collapsed}
        aria-label={collapsed ? 'Expand the sidebar' : 'Collapse the sidebar'}
        title={`${collapsed ? 'Expand' : 'Collapse'} the sidebar${shortcutOf('view.toggle-sidebar')}`}
        onClick={toggle}
      >
        <Icon name="panel-left" />
        {!collapsed && <span>Collapse</span>}
      </button>
    </nav>
  );
}
