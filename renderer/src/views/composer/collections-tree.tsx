import { useState, type ReactElement } from 'react';
import type { WorkspaceNode } from '#shared/workspace/schemas.js';
import { useStore } from '../../store/store.js';
import { Dialog } from './dialog.js';
import { openRequestFile } from './import-api/open-imported.js';

type RequestNode = Extract<WorkspaceNode, { kind: 'request' }>;

/** Every folder path of the tree, root first (`''`), for "Move to". */
function folderPaths(nodes: readonly WorkspaceNode[], out: string[] = ['']): string[] {
  for (const node of nodes) {
    if (node.kind === 'folder') {
      out.push(node.path);
      folderPaths(node.children, out);
    }
  }
  return out;
}

/** The tree with only the requests whose name or path holds `filter` (and their folders). */
function filtered(nodes: readonly WorkspaceNode[], filter: string): WorkspaceNode[] {
  if (filter === '') return [...nodes];
  const needle = filter.toLowerCase();
  const out: WorkspaceNode[] = [];
  for (const node of nodes) {
    if (node.kind === 'request') {
      if (`${node.name} ${node.path} ${node.method}`.toLowerCase().includes(needle)) out.push(node);
    } else {
      const children = filtered(node.children, filter);
      if (children.length > 0 || node.name.toLowerCase().includes(needle)) {
        out.push({ ...node, children });
      }
    }
  }
  return out;
}

/** The workspace's request files as a tree: open, rename, move, delete; damaged files below. */
export function CollectionsTree({ filter }: { filter: string }): ReactElement {
  const view = useStore((s) => s.workspace.view);
  const error = useStore((s) => s.workspace.error);
  const [moving, setMoving] = useState<RequestNode | null>(null);
  const [deleting, setDeleting] = useState<RequestNode | null>(null);
  if (view === null) {
    return error !== null ? (
      <p className="cx-error-text cx-small cx-pad" role="alert">
        {error.message} {error.hint}
      </p>
    ) : (
      <p className="cx-muted cx-small cx-pad">Opening the workspace…</p>
    );
  }
  const nodes = filtered(view.tree, filter.trim());
  return (
    <div className="collections">
      {view.tree.length === 0 ? (
        <p className="cx-muted cx-small cx-pad">
          No request files yet. Use <strong>Save as…</strong> above a request to keep it here as a
          file in {view.root}.
        </p>
      ) : nodes.length === 0 ? (
        <p className="cx-muted cx-small cx-pad">No request matches “{filter}”.</p>
      ) : (
        <ul className="ws-tree" aria-label="Collections">
          {nodes.map((node) => (
            <NodeRow
              key={node.path}
              node={node}
              depth={0}
              open={filter.trim() !== ''}
              onMove={setMoving}
              onDelete={setDeleting}
            />
          ))}
        </ul>
      )}
      {view.problems.length > 0 && (
        <div className="problems" role="region" aria-label="Files that could not be read">
          <h3 className="panel-title">Could not read</h3>
          <ul>
            {view.problems.map((p) => (
              <li key={p.path}>
                <code>
                  {p.path}
                  {p.line !== null ? `:${p.line}` : ''}
                  {p.column !== null ? `:${p.column}` : ''}
                </code>
                <span className="cx-small"> {p.message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {moving !== null && (
        <MoveDialog
          node={moving}
          folders={folderPaths(view.tree)}
          onClose={() => setMoving(null)}
        />
      )}
      {deleting !== null && <DeleteDialog node={deleting} onClose={() => setDeleting(null)} />}
    </div>
  );
}

function NodeRow({
  node,
  depth,
  open,
  onMove,
  onDelete,
}: {
  node: WorkspaceNode;
  depth: number;
  open: boolean;
  onMove: (node: RequestNode) => void;
  onDelete: (node: RequestNode) => void;
}): ReactElement {
  const [expanded, setExpanded] = useState(true);
  const indent = { paddingLeft: `${6 + depth * 12}px` };
  if (node.kind === 'folder') {
    const shown = expanded || open;
    return (
      <li>
        <button
          type="button"
          className="ws-folder"
          style={indent}
          aria-expanded={shown}
          title={node.description || node.path}
          onClick={() => setExpanded((v) => !v)}
        >
          <span className="ws-caret" aria-hidden="true">
            {shown ? '▾' : '▸'}
          </span>
          {node.name}
        </button>
        {shown && (
          <ul aria-label={node.name}>
            {node.children.map((child) => (
              <NodeRow
                key={child.path}
                node={child}
                depth={depth + 1}
                open={open}
                onMove={onMove}
                onDelete={onDelete}
              />
            ))}
          </ul>
        )}
      </li>
    );
  }
  return <RequestRow node={node} indent={indent} onMove={onMove} onDelete={onDelete} />;
}

function RequestRow({
  node,
  indent,
  onMove,
  onDelete,
}: {
  node: RequestNode;
  indent: { paddingLeft: string };
  onMove: (node: RequestNode) => void;
  onDelete: (node: RequestNode) => void;
}): ReactElement {
  const rename = useStore((s) => s.renameWorkspaceRequest);
  const toast = useStore((s) => s.showToast);
  const active = useStore(
    (s) => s.composer.origin.kind === 'file' && s.composer.origin.path === node.path,
  );
  const connectionName = useStore(
    (s) => s.composer.connections?.find((c) => c.id === node.connectionId)?.name,
  );
  const [renaming, setRenaming] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (renaming !== null) {
    return (
      <li className="ws-row">
        <form
          className="ws-rename"
          style={indent}
          onSubmit={(e) => {
            e.preventDefault();
            void rename(node.path, renaming).then((error) => {
              if (error === null) {
                setRenaming(null);
                setProblem(null);
                toast(`Renamed to "${renaming.trim()}".`, 'success');
              } else setProblem(error.message);
            });
          }}
        >
          <input
            type="text"
            aria-label={`New name for ${node.name}`}
            value={renaming}
            autoFocus
            onChange={(e) => setRenaming(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                setRenaming(null);
                setProblem(null);
              }
            }}
          />
          <button type="submit" className="cx-button">
            Rename
          </button>
        </form>
        {problem !== null && (
          <p className="cx-error-text cx-small" role="alert">
            {problem}
          </p>
        )}
      </li>
    );
  }
  return (
    <li className="ws-row">
      <button
        type="button"
        className={`library-item ws-request ${active ? 'is-active' : ''}`}
        style={indent}
        aria-current={active ? 'true' : undefined}
        title={`${node.path}${connectionName ? ` · ${connectionName}` : ' · unknown connection'}`}
        onClick={() =>
          void openRequestFile(node.path).then((error) => {
            if (error !== null) toast(`${error.message} ${error.hint ?? ''}`.trim(), 'error');
          })
        }
      >
        <span className="library-item-title">
          <span className={`method-tag method-${node.method.toLowerCase()}`}>{node.method}</span>
          <span className="ellipsis">{node.name}</span>
        </span>
      </button>
      <span className="ws-row-actions">
        <button
          type="button"
          className="cx-icon-button"
          aria-label={`Rename ${node.name}`}
          title="Rename"
          onClick={() => setRenaming(node.name)}
        >
          ✎
        </button>
        <button
          type="button"
          className="cx-icon-button"
          aria-label={`Move ${node.name}`}
          title="Move to folder"
          onClick={() => onMove(node)}
        >
          ⇄
        </button>
        <button
          type="button"
          className="cx-icon-button"
          aria-label={`Delete ${node.name}`}
          title="Delete"
          onClick={() => onDelete(node)}
        >
          ×
        </button>
      </span>
    </li>
  );
}

function MoveDialog({
  node,
  folders,
  onClose,
}: {
  node: RequestNode;
  folders: string[];
  onClose: () => void;
}): ReactElement {
  const move = useStore((s) => s.moveWorkspaceRequest);
  const toast = useStore((s) => s.showToast);
  const current = node.path.includes('/') ? node.path.slice(0, node.path.lastIndexOf('/')) : '';
  const [folder, setFolder] = useState(current);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (): void => {
    void move(node.path, folder).then((error) => {
      if (error !== null) {
        setProblem(error.message);
        return;
      }
      toast(`Moved "${node.name}" to ${folder === '' ? 'the top level' : folder}.`, 'success');
      onClose();
    });
  };
  return (
    <Dialog
      title={`Move "${node.name}"`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="cx-button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="cx-primary"
            disabled={folder === current}
            onClick={submit}
          >
            Move
          </button>
        </>
      }
    >
      <label className="cx-stacked-field">
        <span>Folder</span>
        <select value={folder} onChange={(e) => setFolder(e.target.value)}>
          {folders.map((f) => (
            <option key={f} value={f}>
              {f === '' ? '(top level)' : f}
            </option>
          ))}
        </select>
      </label>
      {problem !== null && (
        <p className="cx-error-text" role="alert">
          {problem}
        </p>
      )}
    </Dialog>
  );
}

function DeleteDialog({ node, onClose }: { node: RequestNode; onClose: () => void }): ReactElement {
  const remove = useStore((s) => s.deleteWorkspaceRequest);
  const toast = useStore((s) => s.showToast);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Dialog
      title="Delete the request file?"
      onClose={onClose}
      footer={
        <>
          {/* The safe choice comes first, so it has the focus when the dialog opens. */}
          <button type="button" className="cx-button" onClick={onClose}>
            Keep it
          </button>
          <button
            type="button"
            className="cx-danger"
            onClick={() =>
              void remove(node.path).then((error) => {
                if (error !== null) {
                  setProblem(error.message);
                  return;
                }
                toast(`Deleted "${node.name}".`, 'success');
                onClose();
              })
            }
          >
            Delete
          </button>
        </>
      }
    >
      <p>
        <strong>{node.name}</strong> (<code>{node.path}</code>) is removed from the workspace
        folder. If the folder is in git, the file can be restored from there.
      </p>
      {problem !== null && (
        <p className="cx-error-text" role="alert">
          {problem}
        </p>
      )}
    </Dialog>
  );
}
