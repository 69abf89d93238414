/**
 * The SQLite driver: one writer connection and read-only reader connections
 * on the same file. Kysely's own SqliteDriver guards its single connection
 * with a mutex that a transaction holds until it ends, so a long import held
 * back every other request. Here the writer keeps that mutex and runs every
 * transaction and every write. A single statement run outside a transaction
 * that only reads goes to a reader instead, and in WAL mode it reads the
 * last committed state, as a pooled PostgreSQL connection does.
 *
 * NOTE: a statement outside a transaction that reads the connection's own
 * state (`changes()`, `last_insert_rowid()`, a temporary table) would run on
 * a reader and read the reader's state. Run such statements in a transaction.
 */
import SQLite from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

/** Milliseconds a connection waits for a lock held by another process before it fails with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Reader connections kept open between reads. A read runs synchronously, so
 * one reader serves every single statement. Each streamed read keeps one
 * reader until its end, because the statements of one connection share its
 * read snapshot.
 */
const MAX_IDLE_READERS = 4;

/** Statements that may only read: the reader prepares them to make sure. */
const READ_PREFIX = /^\s*(select|with)\b/i;

/**
 * Wraps a better-sqlite3 connection so that `prepare` returns a cached
 * statement for SQL text it has seen, because Kysely's SQLite driver
 * prepares every query again and preparing costs about as much as running.
 * A statement still busy (an unfinished `iterate`, as a streamed export
 * uses) is not handed out again: that call gets a fresh one. SQLite
 * re-prepares a cached statement itself after a schema change.
 */
export function cacheStatements(connection: SQLite.Database, maxSize: number): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      cache.delete(source);
      cache.set(source, cached);
      return cached;
    }
    const statement = connection.prepare(source);
    cache.delete(source);
    cache.set(source, statement);
    if (cache.size > maxSize) cache.delete(cache.keys().next().value as string);
    return statement;
  };
  return new Proxy(connection, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export interface SqliteConnectionsConfig {
  /** File of the database, or `:memory:`, which gets the writer alone because no other connection can open it. */
  path: string;
  /** Prepared statements kept per connection; 0 turns the cache off. */
  statementCacheSize: number;
}

function withCache(connection: SQLite.Database, cacheSize: number): SQLite.Database {
  return cacheSize > 0 ? cacheStatements(connection, cacheSize) : connection;
}

/** Opens the writer connection, which also turns the file to WAL mode for the readers. */
export function openWriter(path: string): SQLite.Database {
  const connection = new SQLite(path);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return connection;
}

/** Read-only connections opened on demand, each used by one read at a time. */
class ReaderPool {
  private readonly idle: SQLite.Database[] = [];
  private closed = false;

  constructor(private readonly config: SqliteConnectionsConfig) {}

  take(): SQLite.Database {
    const reader = this.idle.pop();
    if (reader) return reader;
    // The app registers no SQL function or collation on its connections, so
    // the busy timeout is the only setting a read needs.
    const connection = new SQLite(this.config.path, { readonly: true });
    connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return withCache(connection, this.config.statementCacheSize);
  }

  give(reader: SQLite.Database): void {
    if (this.closed || this.idle.length >= MAX_IDLE_READERS) reader.close();
    else this.idle.push(reader);
  }

  close(): void {
    this.closed = true;
    for (const reader of this.idle.splice(0)) reader.close();
  }
}

/**
 * Returns the statement for `source` prepared on `reader` when it only
 * reads and returns rows, or null when it must run on the writer: a write,
 * a statement that sets connection state, or one the reader cannot prepare.
 */
function readOnlyStatement(reader: SQLite.Database, source: string): SQLite.Statement | null {
  if (!READ_PREFIX.test(source)) return null;
  let statement: SQLite.Statement;
  try {
    statement = reader.prepare(source);
  } catch {
    // The writer prepares it again and throws the error to the caller.
    return null;
  }
  return statement.readonly && statement.reader ? statement : null;
}

/**
 * The connection Kysely acquires for a query, a transaction or a
 * `connection()` block. It holds the writer from the start of a transaction
 * to its release. Outside a transaction, each statement goes to a reader
 * when it only reads, and otherwise takes the writer for its own length.
 */
class RoutedConnection implements DatabaseConnection {
  /** The writer while this connection holds it, from `begin` until release. */
  writer: DatabaseConnection | null = null;

  constructor(private readonly driver: SqliteConnectionsDriver) {}

  async holdWriter(): Promise<DatabaseConnection> {
    this.writer ??= await this.driver.writer.acquireConnection();
    return this.writer;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.writer) return this.writer.executeQuery<R>(query);
    const readers = this.driver.readers;
    if (readers) {
      const reader = readers.take();
      try {
        const statement = readOnlyStatement(reader, query.sql);
        if (statement) return { rows: statement.all(query.parameters) as R[] };
      } finally {
        readers.give(reader);
      }
    }
    const writer = await this.driver.writer.acquireConnection();
    try {
      return await writer.executeQuery<R>(query);
    } finally {
      await this.driver.writer.releaseConnection();
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    if (this.writer) {
      yield* this.writer.streamQuery<R>(query, chunkSize);
      return;
    }
    const readers = this.driver.readers;
    if (readers) {
      const reader = readers.take();
      try {
        const statement = readOnlyStatement(reader, query.sql);
        if (statement) {
          for (const row of statement.iterate(query.parameters)) yield { rows: [row as R] };
          return;
        }
      } finally {
        readers.give(reader);
      }
    }
    const writer = await this.driver.writer.acquireConnection();
    try {
      yield* writer.streamQuery<R>(query, chunkSize);
    } finally {
      await this.driver.writer.releaseConnection();
    }
  }
}

function heldWriter(connection: DatabaseConnection): DatabaseConnection {
  const writer = (connection as RoutedConnection).writer;
  if (!writer) throw new Error('SQLite transaction statement run on a connection that does not hold the writer');
  return writer;
}

/** Kysely's SqliteDriver on the writer connection, with reads outside transactions sent to readers. */
class SqliteConnectionsDriver implements Driver {
  readonly writer: SqliteDriver;
  /** Null for an in-memory database. */
  readonly readers: ReaderPool | null;

  constructor(config: SqliteConnectionsConfig, writer: SQLite.Database) {
    this.writer = new SqliteDriver({ database: withCache(writer, config.statementCacheSize) });
    this.readers = config.path === ':memory:' ? null : new ReaderPool(config);
  }

  async init(): Promise<void> {
    await this.writer.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const writer = await (connection as RoutedConnection).holdWriter();
    await this.writer.beginTransaction(writer);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.writer.commitTransaction(heldWriter(connection));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await this.writer.rollbackTransaction(heldWriter(connection));
  }

  async savepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await this.writer.savepoint(heldWriter(connection), name, compileQuery);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await this.writer.rollbackToSavepoint(heldWriter(connection), name, compileQuery);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await this.writer.releaseSavepoint(heldWriter(connection), name, compileQuery);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const routed = connection as RoutedConnection;
    if (!routed.writer) return;
    routed.writer = null;
    await this.writer.releaseConnection();
  }

  async destroy(): Promise<void> {
    // Readers close first, so that the writer, closing last, checkpoints the WAL into the file.
    this.readers?.close();
    await this.writer.destroy();
  }
}

/** Kysely's SQLite dialect with the writer and reader connections of `SqliteConnectionsDriver`. */
export class SqliteConnectionsDialect implements Dialect {
  constructor(
    private readonly config: SqliteConnectionsConfig,
    private readonly writer: SQLite.Database,
  ) {}

  createDriver(): Driver {
    return new SqliteConnectionsDriver(this.config, this.writer);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): SqliteAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<any>): SqliteIntrospector {
    return new SqliteIntrospector(db);
  }
}
