// Whether two builds style the page alike: the same CSS rules (media, selector, property, value)
// and, for rules that compete (same property, same specificity, a subject class in common), the
// same order. Made for moving rules between CSS files (issue 19); rules in two lazily loaded
// chunks have no fixed order, so such pairs are listed to review by hand.
// Usage: npx vite build --outDir /tmp/before (on the old commit), then again into /tmp/after, and
// `node scripts/compare-built-css.mjs /tmp/before /tmp/after` (exit code 1 on a difference).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import postcss from 'postcss';

/** The build's CSS files, the one index.html links first (it loads before any route chunk). */
function cssFiles(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf-8');
  const all = readdirSync(join(dist, 'assets')).filter((name) => name.endsWith('.css'));
  const linked = all.filter((name) => html.includes(name));
  return [
    ...linked.map((name) => ({ name, rank: 0 })),
    ...all.filter((name) => !linked.includes(name)).map((name) => ({ name, rank: 1 })),
  ];
}

function splitSelectors(list) {
  const selectors = [];
  let depth = 0;
  let current = '';
  for (const character of list) {
    if (character === '(') depth++;
    if (character === ')') depth--;
    if (character === ',' && depth === 0) {
      selectors.push(current.trim());
      current = '';
    } else current += character;
  }
  selectors.push(current.trim());
  return selectors;
}

/** Every declaration once per selector it applies to, in cascade order within its file. */
function declarations(dist) {
  const found = [];
  for (const { name, rank } of cssFiles(dist)) {
    const root = postcss.parse(readFileSync(join(dist, 'assets', name), 'utf-8'));
    let index = 0;
    root.walkDecls((declaration) => {
      const rule = declaration.parent;
      const context = [];
      for (let node = rule.parent; node && node.type !== 'root'; node = node.parent) {
        context.unshift(node.type === 'atrule' ? `@${node.name} ${node.params}` : node.selector);
      }
      const selectors =
        rule.type === 'rule' ? splitSelectors(rule.selector) : [`@${rule.name} ${rule.params}`];
      const value = `${declaration.value}${declaration.important ? ' !important' : ''}`;
      for (const selector of selectors) {
        found.push({
          file: name,
          rank,
          index: index++,
          context: context.join(' | '),
          selector,
          property: declaration.prop,
          value,
        });
      }
    });
  }
  return found;
}

const keyOf = (item) => `${item.context} || ${item.selector} || ${item.property}: ${item.value}`;

function specificity(selector) {
  const flat = selector.replace(/:(is|where|has|not)\((.*?)\)/g, (_, name, inner) =>
    name === 'where' ? '' : ` ${inner}`,
  );
  const ids = (flat.match(/#[\w-]+/g) ?? []).length;
  const classes = (flat.match(/\.[\w-]+|\[[^\]]*\]|:(?!:)[\w-]+/g) ?? []).length;
  const elements = (
    flat.replace(/\[[^\]]*\]/g, '').match(/(^|[\s>+~])[a-zA-Z][\w-]*|::[\w-]+/g) ?? []
  ).length;
  return `${String(ids)},${String(classes)},${String(elements)}`;
}

function subject(selector) {
  return (
    selector
      .split(/[\s>+~]+/)
      .filter(Boolean)
      .at(-1) ?? ''
  );
}

function mayCompete(first, second) {
  if (first.property !== second.property || first.value === second.value) return false;
  if (specificity(first.selector) !== specificity(second.selector)) return false;
  const firstClasses = new Set(subject(first.selector).match(/\.[\w-]+/g) ?? []);
  const secondClasses = new Set(subject(second.selector).match(/\.[\w-]+/g) ?? []);
  if (firstClasses.size === 0 && secondClasses.size === 0) {
    // Element subjects (`.hero h1`, `.facts dt`) meet only on the same element.
    const firstElement = subject(first.selector).match(/^[a-zA-Z][\w-]*/)?.[0];
    const secondElement = subject(second.selector).match(/^[a-zA-Z][\w-]*/)?.[0];
    return !firstElement || !secondElement || firstElement === secondElement;
  }
  if (firstClasses.size === 0 || secondClasses.size === 0) return true;
  return [...firstClasses].some((name) => secondClasses.has(name));
}

const [beforeDist, afterDist] = process.argv.slice(2);
if (!beforeDist || !afterDist) {
  console.error('usage: node scripts/compare-built-css.mjs <before-dist> <after-dist>');
  process.exit(2);
}
const before = declarations(beforeDist);
const after = declarations(afterDist);
const counts = (items) => {
  const map = new Map();
  for (const item of items) map.set(keyOf(item), (map.get(keyOf(item)) ?? 0) + 1);
  return map;
};
const beforeCounts = counts(before);
const afterCounts = counts(after);
let problems = 0;
for (const [key, count] of beforeCounts) {
  if ((afterCounts.get(key) ?? 0) !== count) {
    problems++;
    console.log(`missing: ${key}`);
  }
}
for (const key of afterCounts.keys()) {
  if (!beforeCounts.has(key)) {
    problems++;
    console.log(`added: ${key}`);
  }
}
const firstAfter = new Map();
for (const item of after) if (!firstAfter.has(keyOf(item))) firstAfter.set(keyOf(item), item);
let unordered = 0;
for (let i = 0; i < before.length; i++) {
  for (let j = i + 1; j < before.length; j++) {
    if (!mayCompete(before[i], before[j])) continue;
    const first = firstAfter.get(keyOf(before[i]));
    const second = firstAfter.get(keyOf(before[j]));
    if (!first || !second) continue;
    const describe = (item) =>
      `${item.selector} { ${item.property}: ${item.value} } (${item.file})`;
    if (first.file !== second.file && first.rank === second.rank) {
      unordered++;
      console.log(`review, two lazy chunks: ${describe(first)} / ${describe(second)}`);
      continue;
    }
    const kept = first.file === second.file ? first.index < second.index : first.rank < second.rank;
    if (!kept) {
      problems++;
      console.log(`order swapped: ${describe(first)} now comes after ${describe(second)}`);
    }
  }
}
console.log(
  `${String(before.length)} declarations before, ${String(after.length)} after; ` +
    `${String(problems)} difference(s), ${String(unordered)} pair(s) to review`,
);
process.exit(problems ? 1 : 0);
