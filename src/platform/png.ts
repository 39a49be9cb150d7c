/**
 * SVG → PNG with @resvg/resvg-js (a maintained Rust rasteriser with prebuilt per-platform binaries
 * from npm; no browser). Loaded lazily and only where Node can load native modules: the CLI and
 * the desktop extension host. In the web worker the bundle aliases the module to an empty shim,
 * so `pngRenderer()` reports why it is not available instead of failing; the views then have
 * their panel draw the PNG on a canvas.
 */

export type PngRenderer = (svg: string, scale?: number) => Uint8Array;

interface ResvgModule {
  Resvg: new (svg: string, options: Record<string, unknown>) => { render(): { asPng(): Uint8Array } };
}

let cached: { render?: PngRenderer; reason?: string } | undefined;

/** The PNG renderer, or the reason there is none here. */
export function pngRenderer(): { render?: PngRenderer; reason?: string } {
  if (cached) return cached;
  const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  // The views then let their panel draw the PNG (src/views/live-panel.ts toPng).
  if (!isNode) return (cached = { reason: 'the browser version of VS Code cannot run the native rasteriser' });
  try {
    // A plain require, kept out of the bundle (scripts/build.mjs marks it external).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('@resvg/resvg-js') as Partial<ResvgModule>;
    if (typeof mod.Resvg !== 'function') throw new Error('no Resvg export');
    const { Resvg } = mod as ResvgModule;
    cached = {
      render: (svg, scale = 2) =>
        new Resvg(svg, {
          fitTo: { mode: 'zoom', value: scale },
          background: '#ffffff',
          font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
        })
          .render()
          .asPng(),
    };
  } catch (e) {
    cached = { reason: `PNG export needs the @resvg/resvg-js rasteriser, which this installation does not include (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); export SVG instead` };
  }
  return cached;
}
