/**
 * Lessons are data. A lesson is an id and a list of steps; a step says how to set up the
 * simulation, which components to emphasise, and whether it waits for an engine event. All text
 * lives in the i18n files under keys derived from the ids (see `lessonKeys`), so the data has no
 * language in it.
 */
import type { ConfigChange, SimConfig, VmId } from '../engine/types';
import type { EventPredicate } from './predicates';
import type { QuestionSpec } from './questions';

/**
 * A predict-the-path question asked inside a lesson: the learner predicts, the engine runs the
 * question's host and decides. The step that follows a question step must bring its own scene.
 */
export type LessonQuestion = Omit<QuestionSpec, 'id'>;

/** A fresh simulation for a step: built, then run to `startNs` before the step is shown. */
export interface LessonScene {
  config: () => SimConfig;
  /** Default 1. */
  seed?: number;
  /**
   * Simulated time to start from, ns (default 0); a function computes it from the built
   * configuration (for example "just before the first data packet", which depends on how long
   * the engine's boot sequence takes).
   */
  startNs?: number | ((config: SimConfig, seed: number) => number);
}

/** A live number the panel shows next to the narration (the narration refers to it). */
export type ReadoutKind =
  /** VM exits per delivered packet of one VM. */
  | 'vmExitsPerPacket'
  /** Root-partition CPU per packet of one VM, ns at the 3 GHz reference clock. */
  | 'rootNsPerPacket'
  /** Utilisation of every logical processor. */
  | 'lpLoad'
  /** Packets sent / delivered / dropped. */
  | 'accounting'
  /** The data path a VM uses right now (synthetic, emulated, sriov). */
  | 'activePath'
  /** VMQ queue and root LP of each VM. */
  | 'vmqQueues'
  /** Goodput delivered to or from one VM (or, without `vm`, all VMs together). */
  | 'throughput'
  /** Signals (hypercalls) per delivered packet of one VM. */
  | 'signalsPerPacket';

export interface Readout {
  kind: ReadoutKind;
  vm?: VmId;
}

export interface LessonWait {
  predicate: EventPredicate;
  /** i18n key under `lessons.wait.` naming what we wait for ("the first packet to reach NetVSP"). */
  label: string;
}

export interface LessonStep {
  /** Unique within its lesson; part of the i18n keys. */
  id: string;
  /** A new simulation. Absent: keep the previous step's simulation running. */
  scene?: LessonScene;
  /** Changes applied when the step is entered (after the scene is loaded). */
  changes?: ConfigChange[];
  /** Play (default) or pause when the step is entered. */
  play?: boolean;
  /** Simulated ns per wall second; absent keeps the current speed. */
  speed?: number;
  /** Component ids (with `*` wildcards) to emphasise; null dims nothing. */
  highlight: string[] | null;
  /** Advance by itself when this engine event happens (the learner may still press Next). */
  waitFor?: LessonWait;
  /** Ask a question here instead of showing a scene (the question loads its own host). */
  question?: LessonQuestion;
  readouts?: Readout[];
}

/**
 * A figure or fact worth remembering, shown on the lesson's completion screen, with a link to the
 * live readout that shows it: a step (of this lesson, or of `lesson`) whose readouts include it.
 * Text: `lessons.<lesson>.recap.<id>`. Recap figures are reference values from the fact sheet
 * (≈100 Mb/s, 3–5 Gb/s per core), so unlike narration they may quote numbers.
 */
export interface RecapItem {
  id: string;
  show: { lesson?: string; step: string; readout: ReadoutKind; vm?: VmId };
}

export interface Lesson {
  id: string;
  steps: LessonStep[];
  /** Two or three things to remember, each linked to where it is live. */
  recap?: RecapItem[];
}

/** i18n keys of a lesson's texts. */
export const lessonKeys = {
  title: (lessonId: string) => `lessons.${lessonId}.title`,
  summary: (lessonId: string) => `lessons.${lessonId}.summary`,
  stepTitle: (lessonId: string, stepId: string) => `lessons.${lessonId}.steps.${stepId}.title`,
  stepBody: (lessonId: string, stepId: string) => `lessons.${lessonId}.steps.${stepId}.body`,
  wait: (label: string) => `lessons.wait.${label}`,
  recap: (lessonId: string, itemId: string) => `lessons.${lessonId}.recap.${itemId}`,
} as const;
