import type { CheckContext } from './types';

/** The documents a writer's document links to in its front matter: `charter: ./x.md`, `landscape: ./map.md`. */
export function linkedPaths(data: Record<string, unknown>): Partial<Record<'charter' | 'landscape', string>> {
  const out: Partial<Record<'charter' | 'landscape', string>> = {};
  for (const key of ['charter', 'landscape'] as const) {
    const v = data[key];
    if (typeof v === 'string' && v.trim() && /\.md$/i.test(v.trim()) && !/^[a-z][a-z0-9+.-]*:/i.test(v.trim())) out[key] = v.trim();
  }
  return out;
}

/**
 * Reads the linked documents through a reader the host provides (Node fs in the CLI,
 * workspace.fs in the editor); a missing file becomes an error entry, never an exception.
 */
export async function loadLinked(data: Record<string, unknown>, read: (relative: string) => Promise<string>): Promise<CheckContext['linked']> {
  const out: CheckContext['linked'] = {};
  for (const [key, path] of Object.entries(linkedPaths(data)) as ['charter' | 'landscape', string][]) {
    try {
      out[key] = { path, text: await read(path) };
    } catch (e) {
      out[key] = { path, error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
    }
  }
  return out;
}
