import { useEffect, useMemo, useState, type ReactElement } from 'react';
import type { ResolvedVariable } from '#shared/requests/schemas.js';
import { findVariables, substitute, userVariableInfos } from '#shared/requests/variables.js';
import { call } from '../../api/call.js';
import { useStore } from '../../store/store.js';

const SOURCE_TEXT: Record<ResolvedVariable['source'], string> = {
  request: 'request',
  environment: 'environment',
  connection: 'connection',
  preset: 'preset',
};

/** How a secret variable shows in the preview: its value never reaches this window. */
export const SECRET_MASK = '••••••';

/**
 * The variables the active tab's request would use, each with the layer its value comes from
 * (request → environment → connection → preset), as main resolves them. Until main answers, or
 * when it cannot, the connection's variables and the request's own stand in.
 */
export function useResolvedVariables(): ResolvedVariable[] {
  const connectionId = useStore((s) => s.composer.connectionId);
  const context = useStore((s) => s.composer.context);
  const variables = useStore((s) => s.composer.variables);
  const environment = useStore((s) => s.workspace.environment);
  const environments = useStore((s) => s.workspace.view?.environments);
  const [resolved, setResolved] = useState<{ key: string; list: ResolvedVariable[] } | null>(null);
  const key = JSON.stringify([connectionId, environment, variables, context?.connectionId]);

  useEffect(() => {
    if (connectionId === null) return;
    let live = true;
    const timer = setTimeout(() => {
      void call('workspace:variables', {
        connectionId,
        ...(environment !== null ? { environment } : {}),
        variables,
      }).then((result) => {
        if (live && result.ok) setResolved({ key, list: result.value.variables });
      });
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `environments` changes when an environment file is edited, in the app or on disk.
  }, [key, connectionId, environment, variables, environments]);

  return useMemo(() => {
    if (resolved !== null && resolved.key === key) return resolved.list;
    const fallback: ResolvedVariable[] = (context?.variables ?? []).map((v) => ({
      name: v.name,
      value: v.value,
      secret: false,
      source: 'connection',
      description: v.description,
    }));
    for (const v of userVariableInfos(variables)) {
      const at = fallback.findIndex((f) => f.name === v.name);
      if (at !== -1) fallback.splice(at, 1);
      fallback.push({ ...v, secret: false, source: 'request' });
    }
    return fallback;
  }, [resolved, key, context, variables]);
}

/** The URL as it will be sent, with where each variable in it comes from. */
export function SendsTo({ url }: { url: string }): ReactElement {
  const resolved = useResolvedVariables();
  const byName = useMemo(() => new Map(resolved.map((v) => [v.name, v])), [resolved]);
  const filled = useMemo(
    () =>
      substitute(url, (name) => {
        const v = byName.get(name);
        if (v === undefined) return undefined;
        return v.secret ? SECRET_MASK : (v.value ?? undefined);
      }),
    [url, byName],
  );
  const used = findVariables(url)
    .map((name) => byName.get(name))
    .filter((v): v is ResolvedVariable => v !== undefined);
  return (
    // A named group: aria-label is not allowed on a plain paragraph.
    <div className="resolved-url" role="group" aria-label="URL as sent">
      {url.includes('{{') && (
        <p className="sends-to-line">
          <span className="cx-muted">Sends to </span>
          <code>{filled.text}</code>
        </p>
      )}
      {used.length > 0 && (
        <ul className="sends-to-sources" aria-label="Where the values come from">
          {used.map((v) => (
            <li key={v.name} title={v.description}>
              <code>{`{{${v.name}}}`}</code>
              <span className={`source-chip source-${v.source}`}>{SOURCE_TEXT[v.source]}</span>
              {v.secret && <span className="cx-muted"> secret</span>}
            </li>
          ))}
        </ul>
      )}
      {filled.missing.length > 0 && (
        <p className="missing" role="status">
          No value for {filled.missing.map((m) => `{{${m}}}`).join(', ')}: add it under Variables or
          in the environment.
        </p>
      )}
    </div>
  );
}
