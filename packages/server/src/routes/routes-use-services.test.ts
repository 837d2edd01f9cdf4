import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The rule of services/index.ts: route handlers reach the database only through services. A route
 * file may import record types from @assay/store (to present them) but never the store itself or
 * one of its parts (`Store`, `UserStore`, …), and never names a `store` (a parameter, `deps.store`,
 * `c.var.store`, `c.get('store')`, `store.runs…`).
 */
function storeUses(source: string, fileName = 'route.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const where = (node: ts.Node) => `line ${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === '@assay/store') {
      const clause = node.importClause;
      const names = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
      if (!clause || clause.name || (clause.namedBindings && !ts.isNamedImports(clause.namedBindings)))
        found.push(`${where(node)}: imports @assay/store as a whole`);
      for (const element of names) {
        const name = element.name.text;
        if (/Store$/.test(name) || /Store$/.test(element.propertyName?.text ?? ''))
          found.push(`${where(element)}: imports ${name} from @assay/store`);
        else if (!clause?.isTypeOnly && !element.isTypeOnly)
          found.push(`${where(element)}: imports ${name} from @assay/store as a value (only record types may be imported)`);
      }
    } else if (ts.isIdentifier(node) && /^store$/i.test(node.text)) {
      found.push(`${where(node)}: names the store (\`${node.parent.getText(file).slice(0, 60)}\`)`);
    } else if (ts.isStringLiteral(node) && node.text === 'store' && ts.isCallExpression(node.parent)) {
      found.push(`${where(node)}: reads the store from the context (\`${node.parent.getText(file).slice(0, 60)}\`)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const routesDir = path.dirname(fileURLToPath(import.meta.url));
const routeFiles = readdirSync(routesDir).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

describe('route handlers use services, never the store', () => {
  it('finds route files to check', () => {
    expect(routeFiles.length).toBeGreaterThan(10);
  });

  it('recognises every way a route could reach the store', () => {
    const sample = [
      "import type { Store } from '@assay/store';",
      "import type { UserStore, RunRecord } from '@assay/store';",
      "import { newId } from '@assay/store';",
      'export function register(app: unknown, store: Store, deps: { store: Store }, c: any) {',
      '  store.runs.get("w", "r");',
      '  deps.store.users.anyUser();',
      '  c.var.store.audit.list();',
      "  c.get('store');",
      '}',
    ].join('\n');
    const uses = storeUses(sample);
    for (const expected of [
      'imports Store from',
      'imports UserStore from',
      'imports newId from @assay/store as a value',
      'line 4: names the store',
      'line 5: names the store',
      'line 6: names the store',
      'line 7: names the store',
      'line 8: reads the store',
    ]) {
      expect(
        uses.some((use) => use.includes(expected)),
        expected,
      ).toBe(true);
    }
    expect(uses.join('\n')).not.toContain('RunRecord');
    // Comments and strings that merely mention the store are fine.
    expect(storeUses("// the store's filter\nconst note = 'kept in the store';")).toEqual([]);
  });

  it.each(routeFiles)('%s', (name) => {
    const uses = storeUses(readFileSync(path.join(routesDir, name), 'utf8'), name);
    expect(
      uses,
      `${name} reaches the store directly; move the call into a service (packages/server/src/services):\n${uses.join('\n')}`,
    ).toEqual([]);
  });
});
