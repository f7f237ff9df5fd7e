/** Types of the programs feature, from the generated API schema. */
import type { components } from '@/api/schema';

export type ProgramSummary = components['schemas']['ProgramSummary'];
export type ProgramDetail = components['schemas']['ProgramDetail'];
export type ProgramCourse = components['schemas']['ProgramCourse'];
export type ProgramProgress = components['schemas']['ProgramProgress'];

export interface Page<Item> {
  count: number;
  next: string | null;
  previous: string | null;
  results: Item[];
}
