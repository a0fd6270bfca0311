// Values an OpenAPI document's schemas describe, for tests that walk every operation: a sample
// the schema accepts as far as it says (required members, enums, formats, bounds and examples),
// and hostile variations of it. Each variation keeps the rest of the sample intact, so a request
// gets past the checks before the one it is aimed at.

export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  example?: unknown;
  default?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  pattern?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
}

export interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export const SAMPLE_UUID = '0195f3a0-8c1e-7000-8000-00000000f00d';

const FORMATS: Record<string, string> = {
  uuid: SAMPLE_UUID,
  date: '2026-03-02',
  'date-time': '2026-03-02T09:00:00+05:00',
  email: 'owner@example.uz',
  uri: 'https://example.uz/x',
  url: 'https://example.uz/x',
};

/** `buildingIds` names a list of `buildingId`s. */
const singular = (name: string) => name.replace(/Ids$/, 'Id');

export class Samples {
  private readonly doc: Document;
  /** Real ids by member name (`buildingId`), so a request can reach past "no such building". */
  private readonly ids: Record<string, string>;
  constructor(doc: Document, ids: Record<string, string> = {}) {
    this.doc = doc;
    this.ids = ids;
  }

  id(name: string): string | undefined {
    return this.ids[singular(name)];
  }

  resolve(schema: Schema | undefined): Schema {
    let s = schema ?? {};
    while (s.$ref) s = this.doc.components.schemas[s.$ref.replace('#/components/schemas/', '')] ?? {};
    return s;
  }

  /**
   * A value the schema accepts as far as the document tells. `text` rewrites free text (strings
   * with no enum, format or pattern), so a hostile string lands where a person's words go.
   */
  sample(schema: Schema | undefined, text: (s: string) => unknown = (x) => x, depth = 0, name = ''): unknown {
    const s = this.resolve(schema);
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
    const free = type === 'string' && !s.enum && !s.format && !s.pattern && s.const === undefined;
    if (s.format === 'uuid' && this.id(name)) return this.id(name);
    if (s.example !== undefined) return free ? text(String(s.example)) : s.example;
    if (s.const !== undefined) return s.const;
    if (s.enum?.length) return s.enum[0];
    if (s.default !== undefined) return free ? text(String(s.default)) : s.default;
    const variant = s.anyOf ?? s.oneOf;
    if (variant?.length)
      return this.sample(
        variant.find((v) => this.resolve(v).type !== 'null') ?? variant[0],
        text,
        depth,
        name,
      );
    if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((a) => this.sample(a, text, depth, name)));
    if (depth > 8) return null;
    switch (type ?? (s.properties ? 'object' : undefined)) {
      case 'object':
        return Object.fromEntries(
          Object.entries(s.properties ?? {})
            .filter(([member]) => s.required?.includes(member))
            .map(([member, p]) => [member, this.sample(p, text, depth + 1, member)]),
        );
      case 'array':
        return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () =>
          this.sample(s.items, text, depth + 1, name),
        );
      case 'integer':
      case 'number':
        return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
      case 'boolean':
        return true;
      case 'string':
        return FORMATS[s.format ?? ''] ?? (free ? text('x'.repeat(Math.max(1, s.minLength ?? 0))) : 'x');
      default:
        return 'x';
    }
  }

  /** A path or query value the parameter accepts; `{id}` in `/api/v1/buildings/{id}` is a building's. */
  param(p: Parameter, path = ''): string {
    const collection = p.name === 'id' ? path.match(/^(.*?)\/\{id\}/)?.[1] : undefined;
    const real = collection ? this.ids[collection] : this.id(p.name);
    if (real && p.schema && this.resolve(p.schema).format === 'uuid') return real;
    const v = this.sample(p.schema, (x) => x, 0, p.name);
    return typeof v === 'string' ? v : JSON.stringify(v);
  }
}

/** `value` with every string replaced by `f(string)`, every number by `n(number)`. */
export function mapLeaves(
  value: unknown,
  f: (s: string) => unknown,
  n: (x: number) => unknown = (x) => x,
): unknown {
  if (typeof value === 'string') return f(value);
  if (typeof value === 'number') return n(value);
  if (Array.isArray(value)) return value.map((v) => mapLeaves(v, f, n));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapLeaves(v, f, n)]));
  return value;
}

export function countStrings(value: unknown): number {
  if (typeof value === 'string') return 1;
  if (Array.isArray(value)) return value.reduce((a: number, v) => a + countStrings(v), 0);
  if (value && typeof value === 'object') return countStrings(Object.values(value));
  return 0;
}

/** A value of another JSON type than `value`'s. */
export function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'not a number';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return { item: value[0] ?? null };
  if (value && typeof value === 'object') return ['object', 'expected'];
  return { null: 'expected' };
}

/** JSON text of arrays nested `depth` deep, built as text since JSON.stringify would recurse. */
export const deepArrayJson = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
export const deepObject = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};
