import type { EnvironmentLayer } from '../requests/variables.js';
import type { EnvironmentFile } from './schemas.js';

/** What an environment brings to a request sent with one connection. */
export function environmentLayer(file: EnvironmentFile, connectionId: string): EnvironmentLayer {
  return { name: file.name, variables: file.variables, baseUrls: file.baseUrls[connectionId] };
}
