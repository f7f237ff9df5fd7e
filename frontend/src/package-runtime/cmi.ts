/**
 * The CMI a session starts from: the stored one, with what the platform knows (learner, language,
 * mastery score) filled in, how the session enters (resume or from the start), and without the
 * previous session's own values, which would otherwise be counted again.
 */
import type { PlayerConfig } from './protocol';

type Tree = Record<string, unknown>;

function branch(tree: Tree, key: string): Tree {
  const value = tree[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? { ...(value as Tree) }
    : {};
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** SCORM 1.2: `cmi.core.*`, `cmi.student_data.mastery_score` (a raw score 0..100). */
export function scorm12StartingCmi(config: PlayerConfig): Tree {
  const cmi: Tree = { ...config.cmi };
  const core = branch(cmi, 'core');
  const wasSuspended = core.exit === 'suspend';
  const hasHistory = Object.keys(config.cmi).length > 0;
  delete core.exit;
  delete core.session_time;
  core.student_id = config.learner_id;
  core.student_name = config.learner_name;
  if (isEmpty(core.entry)) core.entry = wasSuspended ? 'resume' : hasHistory ? '' : 'ab-initio';
  // Every attempt here counts (scorm-again leaves credit empty, which no SCO expects).
  if (isEmpty(core.credit)) core.credit = 'credit';
  cmi.core = core;
  if (config.mastery_score !== null) {
    cmi.student_data = {
      ...branch(cmi, 'student_data'),
      mastery_score: String(config.mastery_score),
    };
  }
  const preference = branch(cmi, 'student_preference');
  if (isEmpty(preference.language) && config.language) preference.language = config.language;
  if (Object.keys(preference).length > 0) cmi.student_preference = preference;
  return cmi;
}

/** SCORM 2004: `cmi.learner_id`, `cmi.scaled_passing_score` (the mastery score as -1..1). */
export function scorm2004StartingCmi(config: PlayerConfig): Tree {
  const cmi: Tree = { ...config.cmi };
  const wasSuspended = cmi.exit === 'suspend';
  const hasHistory = Object.keys(config.cmi).length > 0;
  delete cmi.exit;
  delete cmi.session_time;
  cmi.learner_id = config.learner_id;
  cmi.learner_name = config.learner_name;
  if (isEmpty(cmi.entry)) cmi.entry = wasSuspended ? 'resume' : hasHistory ? '' : 'ab-initio';
  if (isEmpty(cmi.credit)) cmi.credit = 'credit';
  if (config.mastery_score !== null && isEmpty(cmi.scaled_passing_score))
    cmi.scaled_passing_score = String(config.mastery_score / 100);
  const preference = branch(cmi, 'learner_preference');
  if (isEmpty(preference.language) && config.language) preference.language = config.language;
  if (Object.keys(preference).length > 0) cmi.learner_preference = preference;
  return cmi;
}
