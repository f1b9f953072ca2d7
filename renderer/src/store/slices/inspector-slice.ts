import type { StateCreator } from 'zustand';
import type { IpcError } from '#shared/errors.js';
import type {
  AutoVerifyResult,
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

/** A part of the encoded token, picked to highlight its decoded side. */
export type TokenPart = 'header' | 'payload' | 'signature';

/** How the verdict on screen came about: checked by itself, or with keys the user chose. */
export interface AutoCheck {
  /** True while the automatic check runs. */
  running: boolean;
  /** Where its keys came from; null when it did not run (`skipped` says why). */
  keys: AutoVerifyResult['keys'] | 'connection';
  issuer: string | null;
  rememberedJwksUrl: string | null;
  skipped: string | null;
}

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
  /** The automatic signature check of the token on screen, if one was tried. */
  autoCheck: AutoCheck | null;
  /** The encoded part whose decoded side is highlighted. */
  highlightedPart: TokenPart | null;
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
  /** Verify the token on screen by itself when its issuer's keys are known. */
  autoVerify: () => Promise<void>;
  /** Forget the JWKS URL remembered for an issuer (main keeps it per issuer). */
  forgetJwks: (issuer: string) => Promise<void>;
  highlightPart: (part: TokenPart | null) => void;
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
  autoCheck: null,
  highlightedPart: null,
  inspectRun: {},
  verifyRun: {},
};

const cleared = {
  inspected: null,
  inspectError: null,
  signature: null,
  verifyError: null,
  verifying: false,
  autoCheck: null,
  highlightedPart: null,
} as const;

/** What makes two inspections the same token, so a skew change does not check it again. */
function tokenKey(inspected: InspectedToken): string {
  if (inspected.from === 'paste')
    return `paste:${inspected.result.ok ? inspected.result.token : ''}`;
  const payload = inspected.result.ok ? inspected.result.decoded.payload : null;
  return `connection:${inspected.connectionId}:${JSON.stringify(payload)}`;
}

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
    set({
      pasted,
      signature: null,
      verifyError: null,
      verifying: false,
      verifyRun: {},
      autoCheck: null,
      highlightedPart: null,
    });
  },
  highlightPart: (highlightedPart) => set({ highlightedPart }),
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
    const before = get().inspected;
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
    const after = get().inspected;
    const sameToken = before !== null && after !== null && tokenKey(before) === tokenKey(after);
    if (after !== null && (!sameToken || (get().signature === null && get().autoCheck === null))) {
      await get().autoVerify();
    }
  },
  autoVerify: async () => {
    const { inspected, pasted } = get();
    if (inspected === null || !inspected.result.ok) return;
    const { decoded } = inspected.result;
    if (decoded.kind !== 'jws') return;
    if (/^HS\d+$/.test(decoded.alg ?? '')) {
      set({
        autoCheck: {
          running: false,
          keys: null,
          issuer: null,
          rememberedJwksUrl: null,
          skipped: 'An HMAC token is checked only with the shared secret, which you enter.',
        },
      });
      return;
    }
    const run = {};
    set({
      verifyRun: run,
      verifying: true,
      verifyError: null,
      autoCheck: {
        running: true,
        keys: null,
        issuer: null,
        rememberedJwksUrl: null,
        skipped: null,
      },
    });
    if (inspected.from === 'connection') {
      const result = await call('inspector:verify-connection', {
        connectionId: inspected.connectionId,
      });
      if (get().verifyRun !== run) return;
      const known = result.ok && result.value.outcome !== 'not_checked';
      set({
        verifying: false,
        signature: known && result.ok ? result.value : null,
        verifyError: result.ok ? null : result.error,
        autoCheck: {
          running: false,
          keys: known ? 'connection' : null,
          issuer: null,
          rememberedJwksUrl: null,
          skipped: known ? null : result.ok ? result.value.reason : null,
        },
      });
      return;
    }
    const result = await call('inspector:auto-verify', { token: pasted });
    if (get().verifyRun !== run) return;
    if (!result.ok) {
      set({ verifying: false, verifyError: result.error, autoCheck: null });
      return;
    }
    const { report, keys, issuer, rememberedJwksUrl, skipped } = result.value;
    set({
      verifying: false,
      signature: report,
      autoCheck: { running: false, keys, issuer, rememberedJwksUrl, skipped },
    });
  },
  forgetJwks: async (issuer) => {
    const result = await call('inspector:forget-jwks', { issuer });
    if (!result.ok) {
      set({ verifyError: result.error });
      return;
    }
    const auto = get().autoCheck;
    if (auto !== null && auto.issuer === issuer) {
      set({ autoCheck: { ...auto, rememberedJwksUrl: null } });
    }
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
    // A check the user asked for replaces the automatic one.
    set(
      result.ok
        ? { signature: result.value, verifyError: null, verifying: false, autoCheck: null }
        : { signature: null, verifyError: result.error, verifying: false, autoCheck: null },
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
