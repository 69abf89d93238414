/**
 * Finds and streams the parts of an XLSX package (an OOXML zip) held in
 * memory. Entries are inflated one chunk at a time straight from the
 * upload's bytes, so no part is ever held whole. The central directory
 * gives every entry's place and size, so entries can be read in any order
 * and entries written with data descriptors (sizes after the data) read
 * like any other.
 */
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../../shared/errors.ts';
import { entryData, listZipEntries, type ZipEntry } from './zip-guard.ts';

/** Handlers of the XML events that a part reader needs. Tag names come without their namespace prefix. */
export interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  /** Character data and CDATA sections. */
  text?(text: string): void;
}

export interface XlsxParts {
  /** Path of the first worksheet in the workbook's tab order. */
  firstSheet: string;
  sharedStrings: string | null;
  styles: string | null;
  /** Serial numbers count days from 1904-01-01 instead of 1900-01-01 (old Mac workbooks). */
  date1904: boolean;
}

const CHUNK_BYTES = 64 * 1024;

export class XlsxPackage {
  private readonly entries = new Map<string, ZipEntry>();

  constructor(private readonly bytes: Buffer) {
    // Part names in OOXML are case-insensitive.
    for (const entry of listZipEntries(bytes)) this.entries.set(entry.name.toLowerCase(), entry);
  }

  has(path: string): boolean {
    return this.entries.has(path.toLowerCase());
  }

  /** Returns the part's uncompressed size in bytes, as the central directory declares it. */
  size(path: string): number {
    return this.entries.get(path.toLowerCase())?.uncompressedSize ?? 0;
  }

  /** Streams the part's text in chunks, decoded from UTF-8 with any byte order mark removed. */
  async *text(path: string): AsyncGenerator<string> {
    const entry = this.entries.get(path.toLowerCase());
    if (!entry) throw new AppError('file_unreadable', { reason: `XLSX: ${path} missing` });
    const data = entryData(this.bytes, entry);
    let stream: Readable;
    if (entry.method === 0) {
      stream = Readable.from(chunks(data), { objectMode: false });
    } else if (entry.method === 8) {
      const inflate = createInflateRaw({ chunkSize: CHUNK_BYTES });
      inflate.end(data);
      stream = inflate;
    } else {
      throw new AppError('file_unreadable', { reason: `${entry.name}: compression ${entry.method}` });
    }
    stream.setEncoding('utf8');
    let first = true;
    try {
      for await (const chunk of stream as AsyncIterable<string>) {
        yield first && chunk.startsWith('\ufeff') ? chunk.slice(1) : chunk;
        first = false;
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('file_unreadable', { reason: `XLSX: ${entry.name}` });
    } finally {
      stream.destroy();
    }
  }

  /** Parses a whole part, calling the handlers for each event. */
  async parse(path: string, handlers: XmlHandlers): Promise<void> {
    const parser = xmlParser(path, handlers);
    for await (const chunk of this.text(path)) parser.write(chunk);
    parser.close();
  }

  /**
   * Locates the workbook's parts through its relationships: the package's
   * `_rels/.rels` names the workbook, and the workbook's own relationships
   * name its sheets, shared strings and styles. Writers that leave out a
   * relationship file get the usual `xl/` paths.
   */
  async locateParts(): Promise<XlsxParts> {
    const rootRelations = await this.relations('_rels/.rels', '');
    const workbook = rootRelations.find((relation) => relation.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    const workbookDirectory = posix.dirname(workbook);
    const relationsPath = posix.join(workbookDirectory, '_rels', `${posix.basename(workbook)}.rels`);
    const relations = await this.relations(relationsPath, workbookDirectory);

    let firstSheetId: string | null = null;
    let date1904 = false;
    let inSheets = false;
    await this.parse(workbook, {
      open(name, attributes) {
        if (name === 'workbookPr') date1904 = isTrue(attributes.date1904);
        else if (name === 'sheets') inSheets = true;
        else if (name === 'sheet' && inSheets && firstSheetId === null) firstSheetId = relationId(attributes);
      },
      close(name) {
        if (name === 'sheets') inSheets = false;
      },
    });

    const byType = (suffix: string) => relations.find((relation) => relation.type.endsWith(suffix))?.target ?? null;
    const firstSheet = relations.find((relation) => relation.id === firstSheetId)?.target ?? this.lowestSheetPath();
    if (!firstSheet || !this.has(firstSheet)) throw new AppError('file_unreadable', { reason: 'XLSX: no worksheet' });
    const sharedStrings = byType('/sharedStrings') ?? 'xl/sharedStrings.xml';
    const styles = byType('/styles') ?? 'xl/styles.xml';
    return {
      firstSheet,
      sharedStrings: this.has(sharedStrings) ? sharedStrings : null,
      styles: this.has(styles) ? styles : null,
      date1904,
    };
  }

  private async relations(path: string, baseDirectory: string): Promise<Relation[]> {
    if (!this.has(path)) return [];
    const relations: Relation[] = [];
    await this.parse(path, {
      open(name, attributes) {
        if (name !== 'Relationship' || attributes.TargetMode === 'External') return;
        const { Id: id, Type: type, Target: target } = attributes;
        if (!id || !type || !target) return;
        relations.push({ id, type, target: resolveTarget(baseDirectory, target) });
      },
    });
    return relations;
  }

  /** Finds the worksheet part with the lowest number, for a workbook without relationships. */
  private lowestSheetPath(): string | null {
    let best: { path: string; number: number } | null = null;
    for (const path of this.entries.keys()) {
      const match = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(path);
      if (match && (!best || Number(match[1]) < best.number)) best = { path, number: Number(match[1]) };
    }
    return best?.path ?? null;
  }
}

interface Relation {
  id: string;
  type: string;
  /** Part path inside the package, without a leading slash. */
  target: string;
}

type PlainOptions = { position: false; xmlns: false };

/** Creates a parser that reports events with prefix-free tag names and turns XML errors into `file_unreadable`. */
export function xmlParser(path: string, handlers: XmlHandlers): SaxesParser<PlainOptions> {
  const parser = new SaxesParser<PlainOptions>({ position: false, xmlns: false });
  if (handlers.open) parser.on('opentag', (tag: SaxesTagPlain) => handlers.open?.(localName(tag.name), tag.attributes));
  if (handlers.close) parser.on('closetag', (tag: SaxesTagPlain) => handlers.close?.(localName(tag.name)));
  if (handlers.text) {
    const onText = (text: string) => handlers.text?.(text);
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  parser.on('error', () => {
    throw new AppError('file_unreadable', { reason: `XLSX: ${path}` });
  });
  return parser;
}

/** Drops a namespace prefix (`x:row` is `row`), which some writers put on every element. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Returns the relationship id of a `<sheet>` element, whatever prefix the writer bound to the relationships namespace. */
function relationId(attributes: Record<string, string>): string | null {
  for (const [name, value] of Object.entries(attributes)) {
    if (name.endsWith(':id')) return value;
  }
  return null;
}

function resolveTarget(baseDirectory: string, target: string): string {
  if (target.startsWith('/')) return posix.normalize(target.slice(1));
  return posix.normalize(posix.join(baseDirectory, target));
}

export function isTrue(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

function* chunks(data: Buffer): Generator<Buffer> {
  for (let start = 0; start < data.length; start += CHUNK_BYTES) yield data.subarray(start, start + CHUNK_BYTES);
}
