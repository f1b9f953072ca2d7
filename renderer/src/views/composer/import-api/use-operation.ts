import { useEffect, useState } from 'react';
import type { OperationParameter, OperationRef } from '#shared/import/schemas.js';
import { call } from '../../../api/call.js';
import { useStore } from '../../../store/store.js';

/** The operation behind the draft on screen, when it is a request imported from an API description. */
export interface ImportedOperation {
  path: string;
  operation: OperationRef;
  description: string;
  hasBodySchema: boolean;
}

/** Follows the composer's origin; null for anything but an imported request. */
export function useImportedOperation(): ImportedOperation | null {
  const origin = useStore((s) => s.composer.origin);
  const path = origin.kind === 'file' ? origin.path : null;
  const [found, setFound] = useState<ImportedOperation | null>(null);
  useEffect(() => {
    if (path === null) return undefined;
    let live = true;
    void call('import:operation', { path }).then((result) => {
      if (!live) return;
      setFound(
        result.ok && result.value.operation !== null
          ? { path, ...result.value, operation: result.value.operation }
          : null,
      );
    });
    return () => {
      live = false;
    };
  }, [path]);
  return path !== null && found?.path === path ? found : null;
}

/** A parameter's documentation as one line for a tooltip: type, required, description. */
export function parameterDoc(p: OperationParameter): string {
  const head = [
    p.in === 'path' ? 'path parameter' : `${p.in} parameter`,
    p.type,
    p.required ? 'required' : 'optional',
  ]
    .filter((s) => s !== '')
    .join(' · ');
  return p.description === '' ? head : `${head}\n${p.description}`;
}

/** Documentation by parameter name for the rows of one place (query, header, path). */
export function docsFor(
  operation: ImportedOperation | null,
  places: readonly OperationParameter['in'][],
): ((name: string) => { text: string; required: boolean } | undefined) | undefined {
  if (operation === null) return undefined;
  const byName = new Map(
    operation.operation.parameters
      .filter((p) => places.includes(p.in))
      .map((p) => [p.name.toLowerCase(), { text: parameterDoc(p), required: p.required }]),
  );
  return (name) => byName.get(name.toLowerCase());
}
