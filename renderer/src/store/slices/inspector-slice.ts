import type { StateCreator } from 'zustand';
import type { IpcError } from '#shared/errors.js';
import type {
  ChannelResult,
  KeySourceInput,
  PastedInspection,
  SignatureReportView,
  TokenExpectation,
} from '#shared/ipc/contract.js';
import { DEFAULT_SKEW_SECONDS } from '#shared/jwt/index.js';
import { call } from '../../api/call.js';
import type { StoreState } from '../store.js';

/** A connection as the inspector's picker lists it. */
export interface ConnectionChoice {
  id: string;
  name: string;
}

type ConnectionInspection = ChannelResult<'inspector:inspect-connection'>;

export type InspectorSource = 'paste' | 'connection';

/** What is on screen: the inspection of pasted text, or of a connection's current token. */
export type InspectedToken =
  | { from: 'paste'; result: PastedInspection }
  | {
      from: 'connection';
      connectionId: string;
      result: ConnectionInspection['inspection'];
      expected: TokenExpectation;
    };

export interface InspectorState {
  inspectorSource: InspectorSource;
  /** The pasted text as typed; never persisted. */
  pasted: string;
  connectionId: string | null;
  skewSeconds: number;
  inspected: InspectedToken | null;
  inspecting: boolean;
  /** The call itself failed (no bridge, connection has no token…), as opposed to a bad token. */
  inspectError: IpcError | null;
  signature: SignatureReportView | null;
  verifying: boolean;
  verifyError: IpcError | null;
  connections: ConnectionChoice[] | null;
  connectionsError: IpcError | null;
  /**
   * The inspection and the signature check whose answers are awaited: each new one (or a change
   * of input) puts a fresh token here, and an answer whose token is no longer here is dropped.
   */
  inspectRun: object;
  verifyRun: object;
}

export interface InspectorSlice extends InspectorState {
  setInspectorSource: (source: InspectorSource) => void;
  setPasted: (text: string) => void;
  setSkewSeconds: (seconds: number) => void;
  selectConnection: (connectionId: string | null) => void;
  /** Re-runs the inspection of the current source (debounced by the view while typing). */
  inspect: () => Promise<void>;
  /** The secret in an `hmac_secret` source is passed through and not kept. */
  verifySignature: (source: KeySourceInput | undefined) => Promise<void>;
  loadConnections: () => Promise<void>;
}

export const initialInspectorState: InspectorState = {
  inspectorSource: 'paste',
  pasted: '',
  connectionId: null,
  skewSeconds: DEFAULT_SKEW_SECONDS,
  inspected: null,
  inspecting: false,
  inspectError: null,
  signature: null,
  verifying: false,
  verifyError: null,
  connections: null,
  connectionsError: null,
  inspectRun: {},
  verifyRun: {},
};

const cleared = {
  inspected: null,
  inspectError: null,
  signature: null,
  verifyError: null,
  verifying: false,
} as const;

/** The token inspector: its source, the inspection on screen and the signature verdict. */
export const createInspectorSlice: StateCreator<StoreState, [], [], InspectorSlice> = (
  set,
  get,
) => ({
  ...initialInspectorState,
  setInspectorSource: (inspectorSource) => {
    if (get().inspectorSource === inspectorSource) return;
    set({ inspectorSource, ...cleared, inspecting: false, inspectRun: {}, verifyRun: {} });
  },
  setPasted: (pasted) => {
    set({ pasted, signature: null, verifyError: null, verifying: false, verifyRun: {} });
  },
  setSkewSeconds: (skewSeconds) => set({ skewSeconds }),
  selectConnection: (connectionId) => {
    set({ connectionId, ...cleared, inspecting: false, inspectRun: {}, verifyRun: {} });
  },
  inspect: async () => {
    const { inspectorSource, pasted, connectionId, skewSeconds } = get();
    const run = {};
    set({ inspectRun: run });
    if (inspectorSource === 'paste' && pasted.trim() === '') {
      set({ inspected: null, inspectError: null, inspecting: false });
      return;
    }
    if (inspectorSource === 'connection' && connectionId === null) {
      set({ inspected: null, inspectError: null, inspecting: false });
      return;
    }
    set({ inspecting: true });
    if (inspectorSource === 'paste') {
      const result = await call('inspector:decode', { token: pasted, skewSeconds });
      if (get().inspectRun !== run) return;
      set(
        result.ok
          ? { inspected: { from: 'paste', result: result.value }, inspectError: null }
          : { inspected: null, inspectError: result.error },
      );
    } else if (connectionId !== null) {
      const result = await call('inspector:inspect-connection', { connectionId, skewSeconds });
      if (get().inspectRun !== run) return;
      set(
        result.ok
          ? {
              inspected: {
                from: 'connection',
                connectionId,
                result: result.value.inspection,
                expected: result.value.expected,
              },
              inspectError: null,
            }
          : { inspected: null, inspectError: result.error },
      );
    }
    set({ inspecting: false });
  },
  verifySignature: async (source) => {
    const { inspected, pasted } = get();
    if (inspected === null) return;
    const run = {};
    set({ verifyRun: run });
    set({ verifying: true, verifyError: null });
    const result =
      inspected.from === 'paste'
        ? source === undefined
          ? undefined
          : await call('inspector:verify', { token: pasted, source, refreshKeys: true })
        : await call('inspector:verify-connection', {
            connectionId: inspected.connectionId,
            refreshKeys: true,
            // Without a source, main checks with the connection's issuer keys.
            ...(source !== undefined ? { source } : {}),
          });
    if (get().verifyRun !== run) return;
    if (result === undefined) {
      set({ verifying: false });
      return;
    }
    set(
      result.ok
        ? { signature: result.value, verifyError: null, verifying: false }
        : { signature: null, verifyError: result.error, verifying: false },
    );
  },
  loadConnections: async () => {
    const result = await call('connections:list');
    set(
      result.ok
        ? {
            connections: result.value.connections
              .map(({ connection: { id, name } }) => ({ id, name }))
              .sort((a, b) => a.name.localeCompare(b.name)),
            connectionsError: null,
          }
        : { connections: [], connectionsError: result.error },
    );
  },
});
