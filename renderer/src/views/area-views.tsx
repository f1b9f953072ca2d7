/** Connections area: saved service accounts and the provider wizard. */
export { ConnectionsView } from './connections/connections-view.js';
