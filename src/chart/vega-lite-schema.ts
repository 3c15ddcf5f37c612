import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { formatPath } from '../problems.ts';

/** Where a chart spec departs from Vega-Lite's JSON schema, in the words of the spec's author. */
export interface SchemaMismatch {
  /** The property inside the spec, e.g. encoding.x.type */
  path: string;
  /** What Vega-Lite accepts there, e.g. one of "quantitative", "ordinal", "temporal", "nominal" */
  expected: string;
  /** What the spec has there, as JSON */
  found: string;
}

type Schema = { [keyword: string]: unknown };
type Key = string | number;

/** One way the spec fails one alternative of the schema. */
type Issue =
  | { at: Key[]; keyword: 'type'; types: string[] }
  | { at: Key[]; keyword: 'enum'; allowed: unknown[] }
  | { at: Key[]; keyword: 'additionalProperties'; property: string; known: string[] }
  | { at: Key[]; keyword: 'required'; property: string }
  | { at: Key[]; keyword: 'limit'; message: string };

let definitions: Record<string, Schema> | undefined;
let root: Schema | undefined;

/**
 * The schema that ships with vega-lite. It is interpreted rather than compiled: compiling its
 * 1.9 MB of definitions with a validator such as ajv takes 10-25 s on a busy two-core machine,
 * while interpreting the keywords it uses ($ref, anyOf, type, enum, const, properties,
 * additionalProperties, required, items and bounds) for one spec takes milliseconds.
 */
function vegaLiteSchema(): { root: Schema; definitions: Record<string, Schema> } {
  if (!root || !definitions) {
    const file = createRequire(import.meta.url).resolve('vega-lite/vega-lite-schema.json');
    root = JSON.parse(readFileSync(file, 'utf8')) as Schema;
    definitions = (root.definitions ?? {}) as Record<string, Schema>;
  }
  return { root, definitions };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return true;
  }
}

/** A spec nested so deeply or so wide that checking it would take long is left to Vega-Lite. */
class TooLargeToCheck extends Error {}
const MAX_STEPS = 2_000_000;

/** Whether the value satisfies the schema; every failure of every alternative is collected. */
function conforms(value: unknown, schema: unknown, at: Key[], issues: Issue[], budget: { steps: number }): boolean {
  if (++budget.steps > MAX_STEPS) throw new TooLargeToCheck();
  if (schema === true || !isObject(schema)) return true;
  if (typeof schema.$ref === 'string') {
    const name = decodeURIComponent(schema.$ref.replace('#/definitions/', ''));
    return conforms(value, vegaLiteSchema().definitions[name], at, issues, budget);
  }
  if (Array.isArray(schema.anyOf)) {
    const tried: Issue[] = [];
    for (const alternative of schema.anyOf) {
      const own: Issue[] = [];
      if (conforms(value, alternative, at, own, budget)) return conformsRest(value, schema, at, issues, budget);
      tried.push(...own);
    }
    issues.push(...tried);
    return false;
  }
  return conformsRest(value, schema, at, issues, budget);
}

function conformsRest(value: unknown, schema: Schema, at: Key[], issues: Issue[], budget: { steps: number }): boolean {
  if (schema.type !== undefined) {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).map(String);
    if (!types.some((t) => hasType(value, t))) {
      issues.push({ at, keyword: 'type', types });
      return false;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((v) => sameValue(v, value))) {
    issues.push({ at, keyword: 'enum', allowed: schema.enum });
    return false;
  }
  if ('const' in schema && !sameValue(schema.const, value)) {
    issues.push({ at, keyword: 'enum', allowed: [schema.const] });
    return false;
  }
  let ok = true;
  const limit = (message: string) => {
    issues.push({ at, keyword: 'limit', message });
    ok = false;
  };
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) limit(`a number of at least ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) limit(`a number of at most ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) limit(`a string of at least ${schema.minLength} characters`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) limit(`a string of at most ${schema.maxLength} characters`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) limit(`a list of at least ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) limit(`a list of at most ${schema.maxItems} items`);
    if (isObject(schema.items)) value.forEach((item, i) => (ok = conforms(item, schema.items, [...at, i], issues, budget) && ok));
  }
  if (isObject(value)) {
    const properties = isObject(schema.properties) ? schema.properties : {};
    if (typeof schema.minProperties === 'number' && Object.keys(value).length < schema.minProperties) limit(`an object with at least ${schema.minProperties} properties`);
    for (const property of Array.isArray(schema.required) ? schema.required.map(String) : [])
      if (!(property in value)) {
        issues.push({ at, keyword: 'required', property });
        ok = false;
      }
    for (const [key, child] of Object.entries(value)) {
      if (key in properties) ok = conforms(child, properties[key], [...at, key], issues, budget) && ok;
      else if (schema.additionalProperties === false) {
        issues.push({ at, keyword: 'additionalProperties', property: key, known: Object.keys(properties) });
        ok = false;
      } else if (isObject(schema.additionalProperties)) ok = conforms(child, schema.additionalProperties, [...at, key], issues, budget) && ok;
    }
  }
  return ok;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

const quote = (value: unknown) => JSON.stringify(value) ?? 'nothing';

/** Edit distance, to point at the property a misspelt one was meant to be. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const kept = row[j] ?? 0;
      row[j] = Math.min(kept + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1));
      previous = kept;
    }
  }
  return row[b.length] ?? 0;
}

function valueAt(spec: unknown, path: readonly Key[]): unknown {
  let value: unknown = spec;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<Key, unknown>)[key] : undefined;
  return value;
}

function unknownProperty(issues: Extract<Issue, { keyword: 'additionalProperties' }>[], spec: unknown): SchemaMismatch {
  const first = issues[0] as Extract<Issue, { keyword: 'additionalProperties' }>;
  const name = first.property;
  // Each alternative tried there (a field definition, a value definition…) allows some properties.
  const allowed = [...new Set(issues.flatMap((i) => i.known))].sort();
  const closest = allowed.map((p) => ({ p, d: distance(name, p) })).sort((x, y) => x.d - y.d)[0];
  const hint = closest && closest.d <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean "${closest.p}"?)` : '';
  const path = [...first.at, name];
  return {
    path: formatPath(path),
    expected: `no property "${name}" here${hint}; the properties allowed are ${allowed.join(', ')}`,
    found: quote(valueAt(spec, path)),
  };
}

/**
 * The spec against Vega-Lite's schema. Top-level specs are an `anyOf` of every kind of view, so
 * a mistake fails every alternative; the deepest place the failures reach is where the spec's
 * author went wrong, and what the alternatives accept there is merged.
 */
export function checkAgainstVegaLiteSchema(spec: unknown): SchemaMismatch | undefined {
  const issues: Issue[] = [];
  try {
    if (conforms(spec, vegaLiteSchema().root, [], issues, { steps: 0 })) return undefined;
  } catch (error) {
    if (error instanceof TooLargeToCheck) return undefined;
    throw error;
  }
  if (issues.length === 0) return undefined;
  // An unknown property is about the place below its object (encoding.colour, not encoding).
  const depthOf = (i: Issue) => i.at.length + (i.keyword === 'additionalProperties' ? 1 : 0);
  const deepest = Math.max(...issues.map(depthOf));
  const here = issues.filter((i) => depthOf(i) === deepest);
  // A wrong value is reported before an unknown property at the same depth: the property that
  // holds the wrong value is unknown only to the alternatives that were not meant.
  const values = here.filter((i) => i.keyword === 'enum' || i.keyword === 'type' || i.keyword === 'limit');
  const at = values[0]?.at ?? here[0]?.at ?? [];
  const where = formatPath(at) || '(the whole spec)';
  if (values.length > 0) {
    const named = [...new Set(values.flatMap((i) => (i.keyword === 'enum' ? i.allowed.map(quote) : [])))];
    const kinds = [...new Set(values.flatMap((i) => (i.keyword === 'type' ? i.types.map((t) => TYPE_WORDS[t] ?? t) : i.keyword === 'limit' ? [i.message] : [])))];
    const expected = [named.length ? `one of ${named.join(', ')}` : '', ...kinds].filter(Boolean).join(', or ');
    return { path: where, expected, found: quote(valueAt(spec, at)) };
  }
  const unknown = here.filter((i): i is Extract<Issue, { keyword: 'additionalProperties' }> => i.keyword === 'additionalProperties');
  if (unknown.length > 0) {
    const byName = new Map<string, typeof unknown>();
    for (const i of unknown) byName.set(i.property, [...(byName.get(i.property) ?? []), i]);
    const [most] = [...byName.values()].sort((a, b) => b.length - a.length);
    if (most) return unknownProperty(most, spec);
  }
  const required = [...new Set(here.flatMap((i) => (i.keyword === 'required' ? [`"${i.property}"`] : [])))];
  return { path: where, expected: `the property ${required.join(' or ')}`, found: 'none' };
}

/**
 * Vega-Lite's warnings that mean the spec says something it does not understand (a misspelt
 * channel, an invalid value), as opposed to the notes it makes about well-formed specs
 * ("Domains that should be unioned…"), which the base charts cause too.
 */
const MISTAKE_WARNING = /not a valid|invalid|unknown|unrecogni[sz]ed|is dropped as|dropped as it is incompatible/i;

export function suggestsSpecMistake(warning: string): boolean {
  return MISTAKE_WARNING.test(warning);
}

/** One line: which property, what Vega-Lite expected, what was found. */
export function describeMismatch(mismatch: SchemaMismatch): string {
  return `${mismatch.path}: Vega-Lite expects ${mismatch.expected}; found ${mismatch.found}`;
}
