import { json } from '@codemirror/lang-json';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { basicSetup, EditorView } from 'codemirror';
import { useEffect, useRef, type ReactElement } from 'react';
import { jsonProblems } from './json-check.js';

// Token colours come from the theme variables, so light and dark both read well.
const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--code-key)' },
  { tag: tags.string, color: 'var(--code-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--code-number)' },
  {
    tag: [tags.brace, tags.squareBracket, tags.separator, tags.punctuation],
    color: 'var(--text-muted)',
  },
]);

const theme = EditorView.theme({
  '&': {
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
    fontSize: '12.5px',
    border: '1px solid var(--control-border)',
    borderRadius: '8px',
  },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '1px' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--text)' },
  '.cm-gutters': {
    backgroundColor: 'var(--surface-2)',
    color: 'var(--text-muted)',
    border: 'none',
    borderRadius: '8px 0 0 8px',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent-soft) 45%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--accent-soft)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': {
    backgroundColor: 'var(--code-selection) !important',
  },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
  },
  '.cm-scroller': { minHeight: '160px', maxHeight: '420px' },
});

/** A CodeMirror 6 editor for request bodies (loaded on demand, so it is not in the first bundle). */
export default function CodeEditor({
  value,
  onChange,
  language,
  label,
  error,
  onSubmit,
  autoFocus = false,
  schemaCheck,
  extensions,
}: {
  value: string;
  onChange: (text: string) => void;
  language: 'json' | 'text';
  label: string;
  /** What is wrong with the text: marks the editor invalid and becomes its description. */
  error?: string | undefined;
  /** Ctrl/Cmd+Enter inside the editor. */
  onSubmit: () => void;
  /** Take the focus when created, with the cursor at the end (the user was typing already). */
  autoFocus?: boolean;
  /** Problems of valid JSON against a schema (checked in main), shown at their place. */
  schemaCheck?: ((text: string) => Promise<SchemaProblem[]>) | undefined;
  /** More language support (e.g. GraphQL completion, checks and docs); replaced when it changes. */
  extensions?: Extension | undefined;
}): ReactElement {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  const a11ySlot = useRef(new Compartment());
  const description = useRef<HTMLSpanElement | null>(null);
  const latest = useRef({ onChange, onSubmit, schemaCheck });
  useEffect(() => {
    latest.current = { onChange, onSubmit, schemaCheck };
  }, [onChange, onSubmit, schemaCheck]);

  useEffect(() => {
    if (!host.current) return undefined;
    // CodeMirror injects its base styles. The CSP allows no inline <style>, but a shadow root
    // takes constructed stylesheets (adoptedStyleSheets), which CSP does not block, so the
    // editor lives in one. Theme variables inherit into it.
    const shadow = host.current.shadowRoot ?? host.current.attachShadow({ mode: 'open' });
    const mount = document.createElement('div');
    // aria-describedby cannot point out of a shadow root, so the error's words are mirrored into
    // a hidden element next to the editor (the visible message stays under it, in the page).
    const described = document.createElement('span');
    described.id = 'code-editor-error';
    described.hidden = true;
    description.current = described;
    shadow.replaceChildren(mount, described);
    const created = new EditorView({
      root: shadow,
      parent: mount,
      state: EditorState.create({
        doc: value,
        extensions: [
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-Enter',
                run: () => {
                  latest.current.onSubmit();
                  return true;
                },
              },
            ]),
          ),
          basicSetup,
          theme,
          syntaxHighlighting(highlight),
          languageSlot.current.of(languageFor(language, extensions, latest)),
          a11ySlot.current.of(contentAttributes(label, error)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    if (autoFocus) {
      created.dispatch({ selection: { anchor: created.state.doc.length } });
      created.focus();
    }
    return () => {
      created.destroy();
      mount.remove();
      view.current = null;
    };
    // The editor is created once; value and language changes are dispatched below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const current = view.current;
    if (current === null) return;
    const text = current.state.doc.toString();
    if (text !== value) {
      current.dispatch({ changes: { from: 0, to: text.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: languageSlot.current.reconfigure(languageFor(language, extensions, latest)),
    });
  }, [language, extensions]);

  useEffect(() => {
    if (description.current !== null) description.current.textContent = error ?? '';
    view.current?.dispatch({
      effects: a11ySlot.current.reconfigure(contentAttributes(label, error)),
    });
  }, [label, error]);

  return <div ref={host} className="code-editor" />;
}

function contentAttributes(label: string, error: string | undefined) {
  return EditorView.contentAttributes.of(
    error === undefined
      ? { 'aria-label': label }
      : { 'aria-label': label, 'aria-invalid': 'true', 'aria-describedby': 'code-editor-error' },
  );
}

/** A problem of the text against a schema, at offsets in the text. */
interface SchemaProblem {
  from: number;
  to: number;
  message: string;
}

type LatestProps = {
  current: { schemaCheck?: ((text: string) => Promise<SchemaProblem[]>) | undefined };
};

function languageFor(
  language: 'json' | 'text',
  extensions: Extension | undefined,
  latest: LatestProps,
): Extension {
  const base = language === 'json' ? languageExtensions(latest) : [];
  return extensions === undefined ? base : [base, extensions];
}

function languageExtensions(latest: LatestProps) {
  return [
    json(),
    linter(
      async (v): Promise<Diagnostic[]> => {
        const text = v.state.doc.toString();
        const syntax = jsonProblems(text).map((p) => ({ ...p, severity: 'error' as const }));
        const check = latest.current.schemaCheck;
        if (syntax.length > 0 || check === undefined) return syntax;
        const length = v.state.doc.length;
        return (await check(text)).map((p) => ({
          from: Math.min(p.from, length),
          to: Math.min(Math.max(p.to, p.from), length),
          message: p.message,
          severity: 'warning' as const,
          source: 'schema',
        }));
      },
      { delay: 250 },
    ),
  ];
}
