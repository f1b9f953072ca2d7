import { useId, type ReactElement } from 'react';
import { presets, type Preset } from '#shared/presets/index.js';
import { useStore } from '../../../store/store.js';

/** Presets whose name, description or id contain every word of the search. */
function filterPresets(search: string): readonly Preset[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return presets;
  return presets.filter((p) => {
    const text = `${p.name} ${p.description} ${p.id}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

function PlatformCard({
  title,
  line,
  selected,
  onChoose,
  extraClass = '',
}: {
  title: string;
  line: string;
  selected: boolean;
  onChoose: () => void;
  extraClass?: string;
}): ReactElement {
  const id = useId();
  // The button holds only the title, so its name is exactly what it shows (WCAG 2.5.3, label in
  // name); the description sits beside it, and the button's ::after covers the whole card.
  return (
    <li className={`platform-card${extraClass}${selected ? ' is-selected' : ''}`}>
      <button
        type="button"
        className="platform-card-title"
        aria-describedby={`${id}-line`}
        aria-pressed={selected}
        onClick={onChoose}
      >
        {title}
      </button>
      <span id={`${id}-line`} className="platform-card-line">
        {line}
      </span>
    </li>
  );
}

/** Step 1: pick a platform (searchable cards), or start from a curl command. */
export function StepPlatform(): ReactElement {
  const search = useStore((s) => s.wizard?.search ?? '');
  const chosen = useStore((s) => s.wizard?.draft?.presetId);
  const setSearch = useStore((s) => s.setPlatformSearch);
  const choose = useStore((s) => s.choosePreset);
  const setView = useStore((s) => s.setPlatformView);
  const shown = filterPresets(search);
  const searchId = useId();
  return (
    <>
      <p className="step-intro">
        Which platform issued the service account? Each one comes with its own guidance and
        defaults. If you already have a curl command that gets a token, start from that instead.
      </p>
      <div className="wz-field platform-search">
        <label htmlFor={searchId}>Search platforms</label>
        <input
          id={searchId}
          type="search"
          value={search}
          placeholder="Axway, WSO2, Keycloak…"
          autoComplete="off"
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            // Enter picks the platform when the search leaves exactly one.
            e.preventDefault();
            const only = shown.length === 1 ? shown[0] : undefined;
            if (only !== undefined) choose(only.id);
          }}
        />
      </div>
      <ul className="platform-cards" aria-label="Platforms">
        {shown.map((preset) => (
          <PlatformCard
            key={preset.id}
            title={preset.name}
            line={preset.description}
            selected={chosen === preset.id}
            onChoose={() => choose(preset.id)}
          />
        ))}
        <PlatformCard
          title="Paste a curl command"
          line="Start from a token request that works in a terminal: the platform, URL and credentials are read from it."
          selected={false}
          extraClass=" platform-card-curl"
          onChoose={() => setView('curl')}
        />
      </ul>
      {shown.length === 0 && (
        <p className="muted" role="status">
          No platform matches “{search}”. Any server works with “OAuth 2.0 (token URL)” or “OpenID
          Connect (discovery)”, or paste a curl command.
        </p>
      )}
    </>
  );
}
