// The committed triage model: its file format, and the classifier built from it. The file is
// written by `npm run train:triage` and read once per process.
import { readFileSync } from 'node:fs';
import {
  type Classification,
  DISPATCH_CATEGORIES,
  type DispatchCategory,
  REQUEST_LANGUAGES,
  type RequestLanguage,
  type Scored,
  type TriageModel,
  URGENCIES,
  type Urgency,
} from '../../domain/dispatch/triage.ts';
import { FEATURES_VERSION, languageTokens, topicTokens } from './features.ts';
import { type LearnerParams, lengthScaled, restoreScorer, type Scorer, softmax } from './learners.ts';

export const MODEL_FORMAT = 'mening-uyim-triage/2';
export const MODEL_URL = new URL('./model/triage-model.json', import.meta.url);

export interface TaskModel {
  params: LearnerParams;
  labels: string[];
  /** Multiplies the raw scores before the softmax; fitted on the training folds. */
  temperature: number;
  /** The raw scores are first divided by the token count to this power (learners.ts lengthScaled). */
  lengthPower: number;
  exported: unknown;
}

export interface TriageModelFile {
  format: typeof MODEL_FORMAT;
  version: string;
  featuresVersion: number;
  category: TaskModel;
  urgency: TaskModel & {
    /** Emergency is answered once its probability reaches this, even when another urgency scores higher. */
    emergencyThreshold: number;
  };
  language: TaskModel & {
    /** Letters only Uzbek Cyrillic has (ў қ ғ ҳ) decide uz_cyrl outright, when that measured better. */
    uzCyrillicLetters: boolean;
  };
}

/** Letters only Uzbek Cyrillic has: the model's letter rule and the training's check of it. */
export const UZ_CYRILLIC_LETTERS = /[ўқғҳЎҚҒҲ]/;

interface Restored {
  task: TaskModel;
  scorer: Scorer;
}

function restore(task: TaskModel): Restored {
  return { task, scorer: restoreScorer(task.labels, task.params.learner, task.exported) };
}

function ranked<T extends string>(r: Restored, tokens: string[]): Scored<T>[] {
  const scores = lengthScaled(r.scorer.scores(tokens), tokens.length, r.task.lengthPower);
  const probs = softmax(scores, r.task.temperature);
  return r.task.labels
    .map((value, i) => ({ value: value as T, confidence: probs[i] as number }))
    .sort((a, b) => b.confidence - a.confidence || a.value.localeCompare(b.value));
}

function check<T extends string>(task: TaskModel, vocabulary: readonly T[], name: string): void {
  const unknown = task.labels.filter((l) => !vocabulary.includes(l as T));
  if (unknown.length > 0) throw new Error(`triage model: unknown ${name} labels ${unknown.join(', ')}`);
}

/** A classifier over a model file's contents (the training script builds one before writing it). */
export function triageModelFrom(file: TriageModelFile): TriageModel {
  if (file.format !== MODEL_FORMAT)
    throw new Error(`triage model: format ${file.format}, expected ${MODEL_FORMAT}`);
  if (file.featuresVersion !== FEATURES_VERSION) {
    throw new Error(
      `triage model: trained on features ${file.featuresVersion}, code has ${FEATURES_VERSION}: retrain`,
    );
  }
  check(file.category, DISPATCH_CATEGORIES, 'category');
  check(file.urgency, URGENCIES, 'urgency');
  check(file.language, REQUEST_LANGUAGES, 'language');
  const category = restore(file.category);
  const urgency = restore(file.urgency);
  const language = restore(file.language);
  const threshold = file.urgency.emergencyThreshold;
  const letterRule = file.language.uzCyrillicLetters;

  return {
    version: file.version,
    classify(text: string): Classification {
      const topic = topicTokens(text);
      const categories = ranked<DispatchCategory>(category, topic);
      const urgencies = ranked<Urgency>(urgency, topic);
      const emergency = urgencies.find((u) => u.value === 'emergency');
      const chosenUrgency =
        emergency && emergency.confidence >= threshold ? emergency : (urgencies[0] as Scored<Urgency>);
      const languages = ranked<RequestLanguage>(language, languageTokens(text));
      let chosenLanguage = languages[0] as Scored<RequestLanguage>;
      if (letterRule && UZ_CYRILLIC_LETTERS.test(text) && chosenLanguage.value !== 'uz_cyrl') {
        chosenLanguage = languages.find((l) => l.value === 'uz_cyrl') as Scored<RequestLanguage>;
      }
      return {
        language: chosenLanguage,
        category: categories[0] as Scored<DispatchCategory>,
        urgency: chosenUrgency,
        categoryTop: categories.slice(0, 3),
      };
    },
  };
}

let loaded: TriageModel | undefined;

/** The committed model, read from its file on the first call and kept for the process. */
export function loadTriageModel(): TriageModel {
  loaded ??= triageModelFrom(JSON.parse(readFileSync(MODEL_URL, 'utf8')) as TriageModelFile);
  return loaded;
}

/** The committed model, read only when a request first needs it: for processes that may never triage. */
export function lazyTriageModel(): TriageModel {
  return {
    get version() {
      return loadTriageModel().version;
    },
    classify: (text) => loadTriageModel().classify(text),
  };
}
