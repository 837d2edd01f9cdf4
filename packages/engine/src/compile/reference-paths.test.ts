import { describe, expect, it } from 'vitest';
import { closestName } from './closest-name';
import { expressionPaths, templatePaths } from './reference-paths';

const roots = (paths: Array<readonly unknown[]>) => paths.map((path) => path[0]);

describe('the names a Liquid template reads from its scope', () => {
  it('finds a typo and a half-typed name', () => {
    expect(templatePaths('Hello {{ inptu.companyId }}')).toEqual([['inptu', 'companyId']]);
    expect(templatePaths('{{ in }}')).toEqual([['in']]);
  });

  it("leaves out the template's own names: loop variables, assign, capture, increment, forloop", () => {
    expect(roots(templatePaths('{% for r in steps.a.output.rows %}{{ r.name }}{{ forloop.index }}{% endfor %}'))).toEqual(['steps']);
    expect(roots(templatePaths('{% assign x = input.a %}{{ x }}'))).toEqual(['input']);
    expect(roots(templatePaths('{% capture c %}{{ input.z }}{% endcapture %}{{ c }}{% increment n %}{{ n }}'))).toEqual(['input']);
    expect(roots(templatePaths('{% tablerow r in input.xs %}{{ tablerowloop.col }}{{ r }}{% endtablerow %}'))).toEqual(['input']);
    expect(roots(templatePaths('{% liquid\n assign y = input.a\n echo y %}'))).toEqual(['input']);
  });

  it('reads literals, raw text and plain text as no names', () => {
    expect(templatePaths('{{ empty }}{{ blank }}{{ nil }}{{ true }}{{ "a" }}{{ 3 }}')).toEqual([]);
    expect(templatePaths('{% raw %}{{ notavar }}{% endraw %}')).toEqual([]);
    expect(templatePaths('no markup, steps.x')).toEqual([]);
  });

  it('gives indexes, and a computed key as unknown (its own path listed too)', () => {
    expect(templatePaths('{{ steps.lookup.output.rows[0].name }}')).toEqual([['steps', 'lookup', 'output', 'rows', 0, 'name']]);
    expect(templatePaths('{{ steps[input.k].output }}')).toEqual([
      ['steps', null, 'output'],
      ['input', 'k'],
    ]);
  });

  it('finds names in filters arguments and tags, and yields nothing for a text it cannot parse', () => {
    expect(roots(templatePaths('{{ input.s | append: foo }}'))).toEqual(['input', 'foo']);
    expect(roots(templatePaths('{% if a == empty %}{% endif %}'))).toEqual(['a']);
    expect(templatePaths('{% if %}')).toEqual([]);
    expect(templatePaths('{% render "partial" %}')).toEqual([]);
  });
});

describe('the names a JSONata expression reads from the top-level context', () => {
  it('finds a path head, with the names after it', () => {
    expect(expressionPaths('inptu.x')).toEqual([['inptu', 'x']]);
    expect(expressionPaths('in')).toEqual([['in']]);
    expect(expressionPaths('steps.`a-b`.output')).toEqual([['steps', 'a-b', 'output']]);
  });

  it('leaves out predicates, later path steps, sort terms, group-by objects and lambda bodies', () => {
    expect(expressionPaths('steps.a.output.rows[price > 10].name')).toEqual([['steps', 'a', 'output', 'rows', 'name']]);
    expect(roots(expressionPaths('$map(input.xs, function($v){ $v.a + other })'))).toEqual(['input']);
    expect(roots(expressionPaths('input.xs^(price)'))).toEqual(['input']);
    expect(roots(expressionPaths('input.xs{ name: value }'))).toEqual(['input']);
    expect(roots(expressionPaths('input.xs#$i.name'))).toEqual(['input']);
    expect(roots(expressionPaths('input.x ~> $f(y)'))).toEqual(['input']);
    expect(roots(expressionPaths('input.x ~> | $ | { "a": b } |'))).toEqual(['input']);
  });

  it('reads $variables (and $, $$) as no names', () => {
    expect(expressionPaths('($x := input.a; $x.b)')).toEqual([['input', 'a']]);
    expect(expressionPaths('$.input')).toEqual([]);
    expect(expressionPaths('$$.steps')).toEqual([]);
    expect(expressionPaths('$now()')).toEqual([]);
  });

  it('finds names in operands, conditions, arguments, blocks, arrays and object constructors', () => {
    expect(roots(expressionPaths('input.a + inptu.b'))).toEqual(['input', 'inptu']);
    expect(roots(expressionPaths('input.a ? b : c'))).toEqual(['input', 'b', 'c']);
    expect(roots(expressionPaths('$exists(foo) and -bar'))).toEqual(['foo', 'bar']);
    expect(roots(expressionPaths('[a, (b).c, { "k": d }]'))).toEqual(['a', 'b', 'd']);
  });

  it('ends what is known at a name in brackets, and yields nothing for a text that does not compile', () => {
    expect(expressionPaths('steps["a"].output')).toEqual([['steps', null]]);
    expect(expressionPaths('steps.a.output["rows"].x')).toEqual([['steps', 'a', 'output', null]]);
    expect(expressionPaths('1 +')).toEqual([]);
  });
});

describe('the closest known name', () => {
  it('suggests a swap, a half-typed name, and nothing far-fetched', () => {
    expect(closestName('inptu', ['input', 'steps', 'run'])).toBe('input');
    expect(closestName('in', ['input', 'steps', 'id'])).toBe('input');
    expect(closestName('stesp', ['input', 'steps'])).toBe('steps');
    expect(closestName('zebra', ['input', 'steps'])).toBeNull();
  });
});
