import { linter } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { EditorView, hoverTooltip } from '@codemirror/view';
import { getSchema, graphql, Position } from 'cm6-graphql';
import type { GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { getHoverInformation } from 'graphql-language-service';
import { variablesProblems } from './operations.js';

/** The documentation of what is under `offset` in the query (a field, argument, type…), or null. */
export function hoverText(schema: GraphQLSchema, query: string, offset: number): string | null {
  // The language service reads the token that ends at the cursor: point just inside the word.
  const lines = query.slice(0, offset + 1).split('\n');
  const line = lines.length - 1;
  const character = lines[line]!.length;
  let info: unknown;
  try {
    info = getHoverInformation(schema, query, new Position(line, character));
  } catch {
    return null;
  }
  const text = Array.isArray(info) ? info.join('\n\n') : typeof info === 'string' ? info : '';
  // The service writes Markdown; the tooltip shows plain text.
  const plain = text
    .replace(/```\w*\n?/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return plain === '' ? null : plain;
}

/** Hover docs for the query editor, from the schema cm6-graphql keeps in the editor state. */
const hoverDocs = hoverTooltip((view, pos) => {
  const schema = getSchema(view.state);
  if (!schema) return null;
  const text = hoverText(schema, view.state.doc.toString(), pos);
  if (text === null) return null;
  return {
    pos,
    above: true,
    create: () => {
      const dom = document.createElement('div');
      dom.className = 'gql-hover';
      dom.textContent = text;
      return { dom };
    },
  };
});

// The editor lives in a shadow root: its styles go through CodeMirror's theme, not the page's CSS.
const hoverTheme = EditorView.theme({
  '.gql-hover': {
    whiteSpace: 'pre-wrap',
    maxWidth: '420px',
    padding: '4px 8px',
    fontSize: '12px',
    lineHeight: '1.45',
  },
  '.cm-completionInfo': { maxWidth: '360px', whiteSpace: 'pre-wrap', fontSize: '12px' },
});

/**
 * The query editor's language: GraphQL syntax, completion as you type, checks against the
 * schema (errors at their line) and hover docs. Without a schema: syntax only.
 */
export function queryExtensions(schema: GraphQLSchema | undefined): Extension {
  return [graphql(schema), hoverDocs, hoverTheme];
}

/** The variables editor's checks against the selected operation's variable definitions. */
export function variablesExtensions(
  schema: GraphQLSchema | undefined,
  operation: OperationDefinitionNode | undefined,
): Extension {
  if (schema === undefined || operation === undefined) return [];
  return linter(
    (view) =>
      variablesProblems(schema, operation, view.state.doc.toString()).map((p) => ({
        ...p,
        severity: 'error' as const,
      })),
    { delay: 250 },
  );
}
