/** The Japanese and English string tables offer the same keys, so every kind can be built in either language. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { StringTable } from '../../src/schema/department.ts';

const keysOf = (lang: string) => {
  const table = StringTable.parse(parse(readFileSync(`templates/strings/${lang}.yaml`, 'utf8')));
  return Object.entries(table).flatMap(([group, keys]) => Object.keys(keys).map((key) => `${group}.${key}`)).sort();
};

describe('the string tables', () => {
  it('have the same keys in Japanese and in English', () => {
    const ja = keysOf('ja');
    const en = keysOf('en');
    expect(en.filter((k) => !ja.includes(k))).toEqual([]);
    expect(ja.filter((k) => !en.includes(k))).toEqual([]);
  });

  it('write no ▲ in English: a decrease takes the minus sign there', () => {
    expect(readFileSync('templates/strings/en.yaml', 'utf8')).not.toContain('▲');
  });
});
