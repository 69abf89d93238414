/**
 * Undo steps of changes a transaction keeps in memory, grouped by the
 * savepoints open in that transaction. Rolling back to a savepoint runs the
 * steps recorded since, newest first, so the memory drops what the
 * database dropped. Releasing a savepoint hands its steps to the enclosing
 * one, because a later rollback of that one undoes them too.
 */
export class SavepointJournal {
  /** The steps recorded since each open savepoint, innermost last. */
  private readonly frames: (() => void)[][] = [];

  /** Marks a savepoint just taken in the transaction. */
  savepoint(): void {
    this.frames.push([]);
  }

  /** Keeps the steps since the last savepoint, which the transaction released. */
  release(): void {
    const steps = this.frames.pop() ?? [];
    this.frames.at(-1)?.push(...steps);
  }

  /** Undoes the changes since the last savepoint, which the transaction rolled back to. */
  rollback(): void {
    const steps = this.frames.pop() ?? [];
    for (const undo of steps.reverse()) undo();
  }

  /** Records how to undo a change just made. Outside any savepoint, nothing can roll it back, so nothing is kept. */
  record(undo: () => void): void {
    this.frames.at(-1)?.push(undo);
  }

  clear(): void {
    this.frames.length = 0;
  }
}
