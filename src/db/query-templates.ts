/**
 * Queries built and compiled once per engine and shape, then run with new
 * parameter values. Building and compiling the session statement with
 * Kysely took 20 µs on the benchmark machine, twice what SQLite takes to run
 * it, and the picker's 50 to 60 µs (see docs/benchmarks.md). The statements
 * that run on every request or keystroke therefore skip that work after
 * their first run.
 *
 * A template's `build(db, shape, values)` is first called with placeholder
 * strings in place of each value, and its compiled parameters are then
 * mapped back to the value names. So `build` must pass each value to the
 * query untouched, as a parameter, and must read everything else that
 * changes its SQL from `shape`. A value that it transforms, or writes into
 * the SQL text, fails the first compile with an error.
 */
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import { type Executor, executorEngine } from './database.ts';
import { namePreparedStatement } from './prepared-statements.ts';

/** A parameter value: text, a number, or a list of texts for `in (...)`. */
export type TemplateValue = string | number | readonly string[];
/** Parameter values by name. An undefined value is absent, and the names present are part of the shape. */
export type TemplateValues = Record<string, TemplateValue | undefined>;

/** The source of a compiled parameter: a fixed value, a value by name, or one item of a list. */
type Slot =
  | { kind: 'fixed'; value: unknown }
  | { kind: 'value'; name: string }
  | { kind: 'item'; name: string; index: number };

interface Compiled {
  sql: string;
  slots: Slot[];
}

/** Shapes kept per template, least recently used dropped first. */
const DEFAULT_MAX_SHAPES = 200;

/** Marks a placeholder value, so that it cannot be taken for a fixed parameter or for SQL text. */
const MARK = '\u0000';

export class QueryTemplate<Shape, Values extends TemplateValues, Row, Handle extends Kysely<any> = Executor> {
  private readonly compiled = new Map<string, Compiled>();

  constructor(
    private readonly build: (db: Handle, shape: Shape, values: Values) => Compilable<Row>,
    private readonly maxShapes = DEFAULT_MAX_SHAPES,
  ) {}

  /** Returns the query for `shape` with `values` as its parameters, compiling it on first use. */
  compile(db: Handle, shape: Shape, values: Values): CompiledQuery<Row> {
    const engine = executorEngine(db);
    const key = `${engine}|${JSON.stringify(shape)}|${valueNames(values)}`;
    let compiled = this.compiled.get(key);
    if (compiled) {
      this.compiled.delete(key);
    } else {
      compiled = this.compileShape(db, shape, values);
      if (engine === 'postgres') namePreparedStatement(compiled.sql);
    }
    this.compiled.set(key, compiled);
    if (this.compiled.size > this.maxShapes) this.compiled.delete(this.compiled.keys().next().value as string);

    const parameters = compiled.slots.map((slot) => {
      if (slot.kind === 'fixed') return slot.value;
      const value = values[slot.name] as TemplateValue;
      return slot.kind === 'value' ? value : (value as readonly string[])[slot.index];
    });
    return CompiledQuery.raw(compiled.sql, parameters) as CompiledQuery<Row>;
  }

  /** Runs the query for `shape` with `values` and returns its rows. */
  async execute(db: Handle, shape: Shape, values: Values): Promise<Row[]> {
    return (await db.executeQuery(this.compile(db, shape, values))).rows;
  }

  private compileShape(db: Handle, shape: Shape, values: Values): Compiled {
    const slotOf = new Map<string, Slot>();
    const placeholders: Record<string, TemplateValue> = {};
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) {
        placeholders[name] = value.map((_, index) => {
          const placeholder = `${MARK}${name}.${index}${MARK}`;
          slotOf.set(placeholder, { kind: 'item', name, index });
          return placeholder;
        });
      } else {
        const placeholder = `${MARK}${name}${MARK}`;
        slotOf.set(placeholder, { kind: 'value', name });
        placeholders[name] = placeholder;
      }
    }

    const query = this.build(db, shape, placeholders as Values).compile();
    if (query.sql.includes(MARK)) {
      throw new Error(`a query template wrote the value ${placeholderNames(query.sql)} into its SQL text`);
    }
    const unused = new Set(slotOf.keys());
    const slots = query.parameters.map((parameter): Slot => {
      if (typeof parameter !== 'string' || !parameter.includes(MARK)) return { kind: 'fixed', value: parameter };
      const slot = slotOf.get(parameter);
      if (!slot) throw new Error(`a query template changed the value ${placeholderNames(parameter)} before using it`);
      unused.delete(parameter);
      return slot;
    });
    if (unused.size > 0) {
      throw new Error(`a query template left values unused: ${placeholderNames([...unused].join(''))}`);
    }
    return { sql: query.sql, slots };
  }
}

/** Names the placeholders found in `text`, for an error message. */
function placeholderNames(text: string): string {
  const names = text.match(/\u0000[^\u0000]*\u0000/g) ?? [];
  return names.map((placeholder) => placeholder.slice(1, -1)).join(', ');
}

/**
 * Lists the names of the values present, with the length of each list,
 * because each item of a list is its own parameter.
 */
function valueNames(values: TemplateValues): string {
  let names = '';
  for (const name in values) {
    const value = values[name];
    if (value === undefined) continue;
    names += Array.isArray(value) ? `${name}:${value.length},` : `${name},`;
  }
  return names;
}


/**
 * Runs `query` and returns its rows, on PostgreSQL as a named prepared
 * statement. For a frequent statement that Kysely builds each time, whose
 * SQL text repeats with new parameters. Like a template, it must name its
 * columns instead of selecting `*` from a table.
 */
export async function executeNamed<Row>(db: Executor, query: Compilable<Row>): Promise<Row[]> {
  const compiled = query.compile();
  if (executorEngine(db) === 'postgres') namePreparedStatement(compiled.sql);
  return (await db.executeQuery(compiled)).rows;
}
