import { useId, useRef, type KeyboardEvent, type ReactElement, type ReactNode } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: string;
  /** A count or marker shown after the label. */
  badge?: string | number | undefined;
}

/**
 * A WAI-ARIA tab list: arrow keys move between tabs, only the active tab is in the tab order,
 * and the panel is labelled by its tab.
 */
export function Tabs<T extends string>({
  label,
  tabs,
  active,
  onChange,
  children,
  actions,
  className,
}: {
  label: string;
  tabs: readonly TabItem<T>[];
  active: T;
  onChange: (id: T) => void;
  children: ReactNode;
  actions?: ReactNode;
  className?: string;
}): ReactElement {
  const base = useId();
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const jump = event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : null;
    if (step === 0 && jump === null) return;
    event.preventDefault();
    const next = tabs[jump ?? (index + step + tabs.length) % tabs.length];
    if (next === undefined) return;
    onChange(next.id);
    refs.current.get(next.id)?.focus();
  };
  return (
    <div className={`tabs ${className ?? ''}`}>
      <div className="tab-row">
        <div role="tablist" aria-label={label} className="tab-list">
          {tabs.map((tab, index) => (
            <button
              key={tab.id}
              ref={(el) => {
                if (el) refs.current.set(tab.id, el);
                else refs.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${tab.id}`}
              aria-selected={tab.id === active}
              aria-controls={`${base}-panel`}
              tabIndex={tab.id === active ? 0 : -1}
              className="tab"
              onClick={() => onChange(tab.id)}
              onKeyDown={(e) => onKeyDown(e, index)}
            >
              {tab.label}
              {tab.badge !== undefined && tab.badge !== '' && tab.badge !== 0 && (
                <span className="tab-badge">{tab.badge}</span>
              )}
            </button>
          ))}
        </div>
        {actions !== undefined && <div className="tab-actions">{actions}</div>}
      </div>
      <div
        role="tabpanel"
        id={`${base}-panel`}
        aria-labelledby={`${base}-tab-${active}`}
        className="tab-panel"
      >
        {children}
      </div>
    </div>
  );
}
