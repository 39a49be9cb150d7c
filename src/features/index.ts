import { authoring } from './authoring';
import { exportDocument } from './export';
import type { Feature } from './feature';
import { kbSource } from './kb-source';
import { knowledgeBase } from './knowledge-base';
import { readerCommands } from './reader-commands';
import { references } from './references';
import { search } from './search';
import { charterGuide, compare, landscapeMap, sidebar, tocDiagram } from './views';
import { writingHelp } from './writing-help';

/** Every user-visible capability, in activation order. */
export const FEATURES: readonly Feature[] = [knowledgeBase, kbSource, search, readerCommands, sidebar, compare, authoring, writingHelp, references, charterGuide, exportDocument, tocDiagram, landscapeMap];
