import { trimTrailingSlashes } from '../core/scan';
import type { FileSystemPort } from './ports';

export interface FolderProblem {
  name: string;
  reason: string;
}

export interface ResolvedFolders {
  folders: string[];
  /** Named in the setting but not there. */
  missing: string[];
  /** Named in the setting but refused (outside the workspace, a link, not a folder). */
  refused: FolderProblem[];
}

/** Whether `uri` is `folder` or inside it. */
export function isInside(uri: string, folder: string): boolean {
  const f = trimTrailingSlashes(folder);
  return uri === f || uri.startsWith(`${f}/`);
}

/**
 * The relative path segments of a folder named in the setting, or why it is refused: folders must
 * stay inside the workspace folder, so absolute paths, drive letters, URIs, `~` and any `..` that
 * would climb out are refused.
 */
export function folderSegments(name: string): string[] | FolderProblem {
  const raw = name.trim();
  if (!raw) return { name, reason: 'is empty' };
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(raw) || raw.startsWith('/') || raw.startsWith('\\') || raw.startsWith('~')) {
    return { name: raw, reason: 'is not a path inside the workspace folder (use a relative path such as "knowledge")' };
  }
  const out: string[] = [];
  for (const part of raw.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return { name: raw, reason: 'points outside the workspace folder; knowledge folders must be inside it' };
      out.pop();
    } else {
      out.push(part);
    }
  }
  return out.length ? out : { name: raw, reason: 'names the workspace folder itself; name a folder inside it, such as "knowledge"' };
}

/**
 * The knowledge folders for a set of workspace folders: the configured names (or `knowledge/`
 * when it exists and nothing is configured), resolved inside each workspace folder, existing, real
 * folders (not links).
 */
export async function resolveKnowledgeFolders(fs: FileSystemPort, roots: { uri: string; configured: string[] }[]): Promise<ResolvedFolders> {
  const result: ResolvedFolders = { folders: [], missing: [], refused: [] };
  for (const root of roots) {
    const configured = root.configured.filter((n) => typeof n === 'string' && n.trim());
    const names = configured.length ? configured : ['knowledge'];
    for (const name of names) {
      const segs = folderSegments(name);
      if (!Array.isArray(segs)) {
        result.refused.push(segs);
        continue;
      }
      const uri = fs.join(root.uri, ...segs);
      // A link anywhere on the way (`sub/knowledge` where `sub` is a link) leads outside as surely
      // as a link at the end.
      let through: string | undefined;
      for (let i = 1; i < segs.length && !through; i++) {
        if ((await fs.stat(fs.join(root.uri, ...segs.slice(0, i))).catch(() => undefined))?.symlink) through = segs.slice(0, i).join('/');
      }
      const info = await fs.stat(uri).catch(() => undefined);
      if (through) {
        result.refused.push({ name: name.trim(), reason: `passes through the symbolic link "${through}"; knowledge folders must be real folders inside the workspace` });
      } else if (!info) {
        if (configured.length) result.missing.push(name.trim());
      } else if (info.symlink) {
        result.refused.push({ name: name.trim(), reason: 'is a symbolic link; knowledge folders must be real folders inside the workspace' });
      } else if (info.type !== 'directory') {
        if (configured.length) result.refused.push({ name: name.trim(), reason: 'is not a folder' });
      } else if (!result.folders.includes(uri)) {
        result.folders.push(uri);
      }
    }
  }
  return result;
}
