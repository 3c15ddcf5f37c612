import { describe, expect, it } from 'vitest';
import { displayPath } from '../../src/format/display-path.ts';

describe('paths in messages', () => {
  it('are relative inside the working folder', () => {
    expect(displayPath('/work/project/out/a.pdf', '/work/project')).toBe('out/a.pdf');
    expect(displayPath('out/a.pdf', '/work/project')).toBe('out/a.pdf');
  });

  it('are absolute outside it, never ../', () => {
    expect(displayPath('/tmp/templates/layout.hbs', '/work/project')).toBe('/tmp/templates/layout.hbs');
    expect(displayPath('../other/out', '/work/project')).toBe('/work/other/out');
  });

  it('name the working folder itself as .', () => {
    expect(displayPath('/work/project', '/work/project')).toBe('.');
  });

  it('keep a folder whose name starts with two dots inside the working folder', () => {
    expect(displayPath('/work/project/..data/x.yaml', '/work/project')).toBe('..data/x.yaml');
  });
});
