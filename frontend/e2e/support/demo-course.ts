// A demo course's package as seed_demo loads it (devdata/data/demo_courses), for what a journey
// expects to see: its quiz's answers, its videos' spoken words.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package's `course` (the caller types as much of it as it reads). */
export function demoCourse(courseSlug: string): unknown {
  const path = fileURLToPath(
    new URL(`../../../devdata/data/demo_courses/${courseSlug}.json`, import.meta.url),
  );
  return (JSON.parse(readFileSync(path, 'utf-8')) as { course: unknown }).course;
}
