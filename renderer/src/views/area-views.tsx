/** Connections area: saved service accounts and the provider wizard. */
export { ConnectionsView } from './connections/connections-view.js';

/** Composer area: call platform endpoints with a connection's token. */
export { ComposerView } from './composer/composer-view.js';
