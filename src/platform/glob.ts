import * as fs from 'node:fs';
import * as path from 'node:path';

/** Whether a file or folder name matches a glob segment (`*`, `?`); linear-time wildcard matching. */
export function matchSegment(name: string, pattern: string): boolean {
  let n = 0;
  let p = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      n++;
      p++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * Expands a path or a glob (`docs/*.md`, `**\/charter*.md`) into existing files, in sorted order.
 * Hidden folders and node_modules are skipped; links to folders are not followed.
 */
export function expandGlob(pattern: string, cwd = process.cwd()): string[] {
  if (!/[*?]/.test(pattern)) return fs.existsSync(path.resolve(cwd, pattern)) ? [pattern] : [];
  const parts = pattern.split(/[\\/]+/);
  const absolute = path.isAbsolute(pattern);
  const out: string[] = [];
  const walk = (dir: string, rel: string, i: number): void => {
    if (i === parts.length) {
      if (fs.existsSync(dir) && fs.statSync(dir).isFile()) out.push(rel);
      return;
    }
    const part = parts[i];
    if (!/[*?]/.test(part)) return walk(path.join(dir, part), rel ? `${rel}/${part}` : part, i + 1);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (part === '**') {
      walk(dir, rel, i + 1);
      for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') walk(path.join(dir, e.name), rel ? `${rel}/${e.name}` : e.name, i);
      return;
    }
    for (const e of entries) if (!e.name.startsWith('.') && matchSegment(e.name, part)) walk(path.join(dir, e.name), rel ? `${rel}/${e.name}` : e.name, i + 1);
  };
  walk(absolute ? path.parse(pattern).root : cwd, absolute ? path.parse(pattern).root.replace(/[\\/]$/, '') : '', absolute ? 1 : 0);
  return [...new Set(out)].sort();
}
