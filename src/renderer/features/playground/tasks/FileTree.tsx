import { useMemo, useState } from 'react';
import type { ResultFile } from '../../../../shared/contract/tasks';

interface Folder {
  name: string;
  folders: Map<string, Folder>;
  files: ResultFile[];
}

function buildTree(files: readonly ResultFile[]): Folder {
  const root: Folder = { name: '', folders: new Map(), files: [] };
  for (const f of files) {
    const parts = f.path.split('/').filter(Boolean);
    let at = root;
    for (const dir of parts.slice(0, -1)) {
      let next = at.folders.get(dir);
      if (!next) {
        next = { name: dir, folders: new Map(), files: [] };
        at.folders.set(dir, next);
      }
      at = next;
    }
    at.files.push(f);
  }
  return root;
}

function FolderItems({
  folder,
  selected,
  onSelect,
}: {
  folder: Folder;
  selected: string;
  onSelect(path: string): void;
}) {
  return (
    <ul className="tk-tree__list" role="group">
      {[...folder.folders.values()].map((d) => (
        <li key={d.name} role="treeitem" aria-expanded="true" aria-selected={false}>
          <span className="tk-tree__folder">{d.name}/</span>
          <FolderItems folder={d} selected={selected} onSelect={onSelect} />
        </li>
      ))}
      {folder.files.map((f) => (
        <li key={f.path} role="treeitem" aria-selected={f.path === selected}>
          <button
            type="button"
            className={f.path === selected ? 'tk-tree__file tk-tree__file--on' : 'tk-tree__file'}
            onClick={() => onSelect(f.path)}
          >
            {f.path.split('/').at(-1)}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The merged result as a file tree; the chosen file is previewed beside it. */
export function FileTree({ files }: { files: readonly ResultFile[] }) {
  const tree = useMemo(() => buildTree(files), [files]);
  const [selected, setSelected] = useState(files[0]?.path ?? '');
  const file = files.find((f) => f.path === selected) ?? files[0];
  return (
    <div className="tk-result">
      <div className="tk-tree" role="tree" aria-label="Result files">
        <FolderItems folder={tree} selected={file?.path ?? ''} onSelect={setSelected} />
      </div>
      <figure className="tk-preview">
        <figcaption className="tk-preview__name">{file?.path}</figcaption>
        <pre className="tk-preview__code" aria-label="File preview">
          {file?.content}
        </pre>
      </figure>
    </div>
  );
}
