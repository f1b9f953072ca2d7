import type { StateCreator } from 'zustand';
import type { IpcError } from '#shared/errors.js';
import type { ConnectionTestReportView } from '#shared/ipc/contract.js';
import { getPreset } from '#shared/presets/index.js';
import type { ChannelResult } from '#shared/ipc/contract.js';
import { call } from '../../api/call.js';
import {
  importCurl,
  type CurlImport,
  type CurlImportResult,
} from '../../views/wizard/model/curl-import.js';
import {
  draftFromConnection,
  initialDraft,
  secretsOf,
  toConnectionInput,
  withPreset,
  type WizardDraft,
} from '../../views/wizard/model/draft.js';
import { credentialsErrors, detailsErrors } from '../../views/wizard/model/validate.js';
import { nextStepOf, stepIndex, wizardSteps, type StepId } from '../../views/wizard/model/steps.js';
import { applySuggestion, type Suggestion } from '../../views/wizard/model/suggestions.js';
import type { StoreState } from '../store.js';

export interface WizardTest {
  status: 'idle' | 'running' | 'done';
  report: ConnectionTestReportView | null;
  /** The call itself failed (a field the engine refused, discovery failed…). */
  error: IpcError | null;
  /** The draft revision the result describes; an edit since makes it stale. */
  revision: number;
}

/**
 * One run of the provider wizard. It holds the typed secret while the wizard is open; saving or
 * cancelling drops the whole session, so the secret does not outlive the form.
 */
export interface WizardSession {
  step: StepId;
  /** Index of the furthest step reached: the indicator lets the user jump back to any up to it. */
  furthest: number;
  platformView: 'cards' | 'curl';
  search: string;
  curlText: string;
  curlResult: CurlImportResult | null;
  /** What an accepted curl import found, shown on the later steps. */
  imported: Omit<CurlImport, 'draft'> | null;
  draft: WizardDraft | null;
  revision: number;
  /** Steps whose problems are shown (after the user tried to move on). */
  checked: StepId[];
  test: WizardTest;
  discovery: {
    status: 'idle' | 'running' | 'done';
    result: ChannelResult<'tokens:discover'> | null;
    error: IpcError | null;
  };
  saving: boolean;
  saveError: IpcError | null;
  /** Names this session in main, which holds its key file's key and DPoP key until saved. */
  draftId: string;
  keyFile: { status: 'idle' | 'reading'; error: IpcError | null };
}

export interface WizardSlice {
  wizard: WizardSession | null;
  /**
   * The connection test whose answer is awaited: a new test, or leaving it behind (stop, a new
   * session, save), puts a fresh token here, and an answer whose token is gone is dropped.
   */
  wizardTestRun: object;
  /** The test main is running for the wizard, so "Stop waiting" can cancel it there too. */
  wizardTestId: string | undefined;
  startWizard: () => void;
  editConnection: (id: string) => Promise<void>;
  cancelWizard: () => void;
  goToStep: (step: StepId) => void;
  /** Move on when the current step is complete; otherwise show what is missing. */
  nextStep: () => void;
  setPlatformView: (view: 'cards' | 'curl') => void;
  setPlatformSearch: (text: string) => void;
  choosePreset: (presetId: string) => void;
  setCurlText: (text: string) => void;
  readCurl: () => void;
  acceptCurl: () => void;
  updateDraft: (patch: Partial<WizardDraft>) => void;
  /** Hand a dropped key file's text to main; only its public facts come back into the draft. */
  readKeyFile: (text: string, fileName: string) => Promise<void>;
  runDiscovery: () => Promise<void>;
  runTest: () => Promise<void>;
  stopTest: () => void;
  applyWizardSuggestion: (suggestion: Suggestion) => Promise<void>;
  saveWizard: (then?: 'list' | 'inspect') => Promise<void>;
}

const idleTest: WizardTest = { status: 'idle', report: null, error: null, revision: -1 };

function newSession(): WizardSession {
  return {
    step: 'platform',
    furthest: 0,
    platformView: 'cards',
    search: '',
    curlText: '',
    curlResult: null,
    imported: null,
    draft: null,
    revision: 0,
    checked: [],
    test: idleTest,
    discovery: { status: 'idle', result: null, error: null },
    saving: false,
    saveError: null,
    draftId: newDraftId(),
    keyFile: { status: 'idle', error: null },
  };
}

const newDraftId = (): string =>
  globalThis.crypto?.randomUUID?.() ??
  `draft-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/** The first step (details or credentials) with a problem, or undefined. */
function firstIncomplete(draft: WizardDraft): StepId | undefined {
  if (Object.keys(detailsErrors(draft)).length > 0) return 'details';
  if (Object.keys(credentialsErrors(draft)).length > 0) return 'credentials';
  return undefined;
}

/** A test id no other window uses: main keys running tests by id. */
const newTestId = (): string =>
  `wizard-test-${globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`}`;

/** The provider wizard: steps, the draft connection, its test, discovery and save. */
export const createWizardSlice: StateCreator<StoreState, [], [], WizardSlice> = (set, get) => {
  const patch = (fn: (w: WizardSession) => Partial<WizardSession>): void =>
    set((s) => (s.wizard === null ? {} : { wizard: { ...s.wizard, ...fn(s.wizard) } }));
  const moveTo = (step: StepId): void =>
    patch((w) => ({ step, furthest: Math.max(w.furthest, stepIndex(step)) }));
  const takenNames = (): string[] => (get().savedConnections ?? []).map((v) => v.connection.name);

  return {
    wizard: null,
    wizardTestRun: {},
    wizardTestId: undefined,
    startWizard: () => {
      set({ wizard: newSession(), connectionsScreen: 'wizard', wizardTestRun: {} });
    },
    editConnection: async (id) => {
      const result = await call('connections:get', { id });
      if (!result.ok) {
        set((s) => ({ rowErrors: { ...s.rowErrors, [id]: result.error } }));
        return;
      }
      set({
        wizardTestRun: {},
        wizard: {
          ...newSession(),
          draft: draftFromConnection(result.value),
          step: 'details',
          furthest: wizardSteps.length - 1,
        },
        connectionsScreen: 'wizard',
      });
    },
    cancelWizard: () => {
      const w = get().wizard;
      // Main forgets what it held for the draft (a key file's key, a DPoP key).
      if (w !== null && w.draft !== null) {
        void call('connections:discard-draft', { draftId: w.draftId });
      }
      set({ wizard: null, connectionsScreen: 'list', wizardTestRun: {} });
    },
    goToStep: (step) => {
      const w = get().wizard;
      if (w === null || stepIndex(step) > w.furthest) return;
      if (step !== 'platform' && w.draft === null) return;
      moveTo(step);
    },
    nextStep: () => {
      const w = get().wizard;
      if (w === null || w.draft === null) return;
      const problems =
        w.step === 'details'
          ? detailsErrors(w.draft)
          : w.step === 'credentials'
            ? credentialsErrors(w.draft)
            : {};
      if (Object.keys(problems).length > 0) {
        patch((s) => ({ checked: [...new Set([...s.checked, s.step])] }));
        return;
      }
      const next = nextStepOf(w.step);
      if (next !== undefined) moveTo(next);
    },
    setPlatformView: (platformView) => patch(() => ({ platformView })),
    setPlatformSearch: (search) => patch(() => ({ search })),
    choosePreset: (presetId) => {
      const preset = getPreset(presetId);
      if (preset === undefined) return;
      patch((w) => ({
        draft:
          w.draft === null
            ? initialDraft(preset, takenNames())
            : w.draft.presetId === presetId
              ? w.draft
              : withPreset(w.draft, preset),
        revision: w.revision + 1,
        imported: w.draft?.presetId === presetId ? w.imported : null,
        discovery: { status: 'idle', result: null, error: null },
      }));
      moveTo('guidance');
    },
    setCurlText: (curlText) => patch(() => ({ curlText, curlResult: null })),
    readCurl: () => patch((w) => ({ curlResult: importCurl(w.curlText, takenNames()) })),
    acceptCurl: () => {
      const w = get().wizard;
      if (w?.curlResult?.ok !== true) return;
      const { draft, ...summary } = w.curlResult.value;
      // The pasted command may hold the secret: keep it only in the draft.
      patch((s) => ({
        draft,
        imported: summary,
        curlText: '',
        curlResult: null,
        platformView: 'cards',
        revision: s.revision + 1,
        test: idleTest,
      }));
      moveTo('details');
    },
    updateDraft: (changes) =>
      patch((w) =>
        w.draft === null ? {} : { draft: { ...w.draft, ...changes }, revision: w.revision + 1 },
      ),
    readKeyFile: async (text, fileName) => {
      const w = get().wizard;
      if (w === null || w.draft === null) return;
      patch(() => ({ keyFile: { status: 'reading', error: null } }));
      const result = await call('connections:read-key-file', { draftId: w.draftId, text });
      if (!result.ok) {
        patch(() => ({ keyFile: { status: 'idle', error: result.error } }));
        return;
      }
      patch(() => ({ keyFile: { status: 'idle', error: null } }));
      get().updateDraft({ keyFile: result.value, keyFileName: fileName });
    },
    runDiscovery: async () => {
      const draft = get().wizard?.draft;
      const issuer = draft?.fields.issuer?.trim() ?? '';
      if (draft === undefined || draft === null || issuer === '') return;
      patch(() => ({ discovery: { status: 'running', result: null, error: null } }));
      const result = await call('tokens:discover', {
        issuer,
        allowHttp: draft.allowHttp,
        ...(draft.caPem.trim() !== '' ? { caPem: draft.caPem.trim() } : {}),
        ...(draft.pinnedSha256.trim() !== '' ? { pinnedSha256: draft.pinnedSha256.trim() } : {}),
      });
      patch(() => ({
        discovery: result.ok
          ? { status: 'done', result: result.value, error: null }
          : { status: 'done', result: null, error: result.error },
      }));
    },
    runTest: async () => {
      const w = get().wizard;
      if (w === null || w.draft === null) return;
      const incomplete = firstIncomplete(w.draft);
      if (incomplete !== undefined) {
        patch((s) => ({ checked: [...new Set([...s.checked, incomplete])] }));
        moveTo(incomplete);
        return;
      }
      const run = {};
      const revision = w.revision;
      const testId = newTestId();
      set({ wizardTestRun: run, wizardTestId: testId });
      patch(() => ({ test: { ...idleTest, status: 'running', revision } }));
      // Typed secrets win; without them main uses those stored for the connection being edited.
      const secrets = secretsOf(w.draft);
      const result = await call('tokens:test', {
        connection: toConnectionInput(w.draft),
        testId,
        ...(Object.keys(secrets).length > 0 ? { secrets } : {}),
        ...(w.draft.editId !== undefined ? { connectionId: w.draft.editId } : {}),
        draftId: w.draftId,
        tryOtherMethods: w.draft.tryOtherMethods,
      });
      if (get().wizardTestId === testId) set({ wizardTestId: undefined });
      if (get().wizardTestRun !== run) return;
      patch(() => ({
        test: result.ok
          ? { status: 'done', report: result.value, error: null, revision }
          : { status: 'done', report: null, error: result.error, revision },
      }));
    },
    stopTest: () => {
      const testId = get().wizardTestId;
      if (testId !== undefined) void call('tokens:cancel-test', { testId });
      set({ wizardTestRun: {}, wizardTestId: undefined });
      patch(() => ({ test: idleTest }));
    },
    applyWizardSuggestion: async (suggestion) => {
      const w = get().wizard;
      if (w === null || w.draft === null) return;
      if (suggestion.kind === 'go-to') {
        moveTo(suggestion.step);
        return;
      }
      get().updateDraft(applySuggestion(w.draft, suggestion));
      await get().runTest();
    },
    saveWizard: async (then = 'list') => {
      const w = get().wizard;
      if (w === null || w.draft === null || w.saving) return;
      const incomplete = firstIncomplete(w.draft);
      if (incomplete !== undefined) {
        patch((s) => ({ checked: [...new Set([...s.checked, incomplete])] }));
        moveTo(incomplete);
        return;
      }
      patch(() => ({ saving: true, saveError: null }));
      // Secrets present here are stored (an empty string deletes one); none leaves them as they are.
      const secrets = secretsOf(w.draft);
      const connection = toConnectionInput(w.draft);
      const result = await call(
        'connections:save',
        Object.keys(secrets).length === 0
          ? { connection, draftId: w.draftId }
          : { connection, secrets, draftId: w.draftId },
      );
      if (!result.ok) {
        patch(() => ({ saving: false, saveError: result.error }));
        return;
      }
      const id = result.value.connection.id;
      const latest = get().wizard;
      const tested =
        latest?.test.status === 'done' &&
        latest.test.report?.ok === true &&
        latest.test.revision === latest.revision;
      // Dropping the session drops the typed secret with it.
      set({ wizard: null, connectionsScreen: 'list', lastSavedId: id, wizardTestRun: {} });
      get().upsertSavedConnection(result.value);
      if (then === 'inspect') get().openInInspector(id);
      else if (tested) {
        // The settings just worked: get the connection its first token so the list shows it.
        void call('tokens:fetch', { connectionId: id, force: false }).then((status) => {
          if (status.ok) get().applyTokenStatus(status.value);
        });
      }
    },
  };
};
