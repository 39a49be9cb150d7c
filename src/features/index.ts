import { charterGuide } from '../views/charter-guide';
import { compare } from '../views/compare';
import { kbSource } from '../views/kb-source';
import { landscapeMap } from '../views/landscape-map';
import { sidebar } from '../views/sidebar';
import { tocDiagram } from '../views/toc-diagram';
import { authoring } from './authoring';
import { exportDocument } from './export';
import type { Feature } from './feature';
import { knowledgeBase } from './knowledge-base';
import { readerCommands } from './reader-commands';
import { references } from './references';
import { search } from './search';
import { writingHelp } from './writing-help';

/** Every user-visible capability, in activation order. */
export const FEATURES: readonly Feature[] = [knowledgeBase, kbSource, search, readerCommands, sidebar, compare, authoring, writingHelp, references, charterGuide, exportDocument, tocDiagram, landscapeMap];
