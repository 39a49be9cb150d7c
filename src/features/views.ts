/**
 * The side bar, the Charter Guide, Compare, the theory-of-change diagram and the landscape map as
 * features: each view (src/views) created on the shared services, reachable from the integration
 * tests, and the two drawing views offered to Word export for PNG copies of their pictures.
 */
import { sectionExamples } from '../core/section-examples';
import { CharterGuide } from '../views/charter-guide';
import { CompareView } from '../views/compare';
import { LandscapeMapView } from '../views/landscape-map';
import { Sidebar } from '../views/sidebar';
import { TocDiagram } from '../views/toc-diagram';
import type { Feature } from './feature';

export const sidebar: Feature = (ctx) => {
  const v = new Sidebar(ctx.extension, ctx.knowledge);
  ctx.expose('sidebar', v);
  return v;
};

export const compare: Feature = (ctx) => {
  const v = new CompareView(ctx.extension, ctx.knowledge);
  ctx.expose('compare', v);
  return v;
};

export const charterGuide: Feature = (ctx) => {
  const g = new CharterGuide(ctx.checks, ctx.knowledge, sectionExamples);
  ctx.expose('charterGuide', g);
  return g;
};

export const tocDiagram: Feature = (ctx) => {
  const view = new TocDiagram(ctx.extension);
  ctx.expose('tocDiagram', view);
  ctx.pictures.set('theory-of-change', (svg) => view.toPng(svg));
  return view;
};

export const landscapeMap: Feature = (ctx) => {
  const view = new LandscapeMapView(ctx.extension);
  ctx.expose('landscapeMap', view);
  ctx.pictures.set('landscape-map', (svg) => view.toPng(svg));
  return view;
};
