import { describe, expect, it } from 'vitest';
import { nodeTooOld } from '../../packages/cli/bin/node-version.js';
import rootPackage from '../../package.json' with { type: 'json' };

describe('the Node.js version check before `assay` starts', () => {
  it('turns away a Node.js older than the engines field, naming the version needed and the one found', () => {
    expect(nodeTooOld('20.20.2')).toBe('Assay needs Node.js 22.19 or newer (24 preferred, as .nvmrc says); this is Node.js 20.20.2.');
    expect(nodeTooOld('22.18.0')).toMatch(/needs Node\.js 22\.19 or newer/);
  });

  it('lets 22.19 and later through', () => {
    for (const version of ['22.19.0', '22.23.5', '24.0.0', '24.22.3', '26.1.0']) expect(nodeTooOld(version)).toBeUndefined();
  });

  it('agrees with package.json engines', () => {
    expect(rootPackage.engines.node).toBe('>=22.19');
  });
});
