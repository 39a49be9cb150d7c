import type { Rule } from '../types';
import { conflictOfInterest } from './conflicts';
import { decisionRule } from './decisions';
import { elementMissing } from './element-missing';
import { exitCondition } from './exit';
import { goalMeasurable, singleGoal, vagueVerb } from './goal';
import { representativeSelection, seatTotal, termLength } from './governance';
import { communityDecides } from './inclusion';
import { partyWithoutRole } from './parties';
import { reviewDate } from './review';
import { outOfScope } from './scope';
import { backboneFunctions } from './secretariat';
import { templateLeftovers } from './template-leftovers';
import { unknownReference } from './references';
import { knowledgeCitations, knowledgeFile, knowledgeFrontMatter } from './knowledge';
import { charterMapActorMissing } from './map-charter';
import { mapAffectedCommunities } from './map-communities';
import { mapInitiativeOverlap } from './map-initiatives';
import { mapMalformedRow } from './map-malformed';
import { mapNeededActorType } from './map-needs';
import { mapUnknownActor } from './map-unknown-actor';
import { goalMatchesCharter, indicatorParts, orphanIntervention, outcomeIsActivity, outcomeWithoutPath, pathwayWithoutAssumption, tocNotation } from './toc';

/** Every rule, in the order the documentation lists them (markdownlint-style: rules as data). */
export const RULES: readonly Rule[] = [
  elementMissing,
  goalMeasurable,
  singleGoal,
  vagueVerb,
  outOfScope,
  seatTotal,
  termLength,
  representativeSelection,
  decisionRule,
  backboneFunctions,
  partyWithoutRole,
  communityDecides,
  conflictOfInterest,
  reviewDate,
  exitCondition,
  templateLeftovers,
  tocNotation,
  outcomeIsActivity,
  outcomeWithoutPath,
  orphanIntervention,
  pathwayWithoutAssumption,
  indicatorParts,
  goalMatchesCharter,
  unknownReference,
  knowledgeFrontMatter,
  knowledgeCitations,
  knowledgeFile,
  charterMapActorMissing,
  mapAffectedCommunities,
  mapNeededActorType,
  mapInitiativeOverlap,
  mapUnknownActor,
  mapMalformedRow,
];
