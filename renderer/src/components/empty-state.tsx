import type { ReactElement, ReactNode } from 'react';
import { Icon } from './icons.js';

/** An honest placeholder for an area: what it will hold and how to get there. */
export function EmptyState({
  icon,
  title,
  children,
}: {
  icon: 'connections' | 'inspector' | 'composer';
  title: string;
  children: ReactNode;
}): ReactElement {
  return (
    <section className="empty-state" aria-labelledby={`empty-${icon}`}>
      <div className="empty-icon" aria-hidden="true">
        <Icon name={icon} size={36} />
      </div>
      <h2 id={`empty-${icon}`}>{title}</h2>
      {children}
    </section>
  );
}
