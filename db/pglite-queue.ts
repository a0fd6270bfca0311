// Serialises the wire-protocol messages of many sockets onto PGlite's single backend session.
//
// pglite-socket's own queue hands the backend to another socket between any two messages unless
// a transaction block is open. The extended protocol (Parse, Bind, Execute … Sync) is not a
// transaction block, so a client whose Bind arrives in a later TCP read than its Parse can have
// its unnamed statement replaced by another client's Parse in between: we reproduced a Bind
// returning the other client's rows. This queue keeps the backend with one socket until the
// backend reports ReadyForQuery with status Idle, which is the protocol's own "sequence finished"
// signal: it covers Sync, simple queries, explicit transactions and COPY alike.
import type { PGlite } from '@electric-sql/pglite';

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

/** ReadyForQuery is 'Z', int32 length 5, then the transaction status byte. */
const READY = [0x5a, 0, 0, 0, 5] as const;
const IDLE = 0x49; // 'I'
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]); // 'S', length 4

export class StickyQueryQueue {
  readonly #db: PGlite;
  #queue: Pending[] = [];
  #owner: number | null = null;
  #running = false;

  constructor(db: PGlite) {
    this.#db = db;
  }

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ handlerId, message, onData, resolve, reject });
      void this.#drain();
    });
  }

  getQueueLength(): number {
    return this.#queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (const q of this.#queue) if (q.handlerId === handlerId) q.reject(new Error('Handler disconnected'));
    this.#queue = this.#queue.filter((q) => q.handlerId !== handlerId);
  }

  /** A socket that vanished mid-sequence must not leave the backend holding its half-done work. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.#owner !== handlerId) return;
    await this.#db.runExclusive(async () => {
      await this.#db.execProtocolRaw(SYNC);
      if (this.#db.isInTransaction()) await this.#db.exec('ROLLBACK');
    });
    this.#owner = null;
    void this.#drain();
  }

  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      for (;;) {
        const i = this.#owner === null ? 0 : this.#queue.findIndex((q) => q.handlerId === this.#owner);
        if (i < 0 || i >= this.#queue.length) return;
        const [q] = this.#queue.splice(i, 1) as [Pending];
        const tail: number[] = [];
        let bytes = 0;
        try {
          await this.#db.runExclusive(() =>
            this.#db.execProtocolRawStream(q.message, {
              onRawData: (data) => {
                bytes += data.length;
                for (const b of data.subarray(Math.max(0, data.length - 6))) tail.push(b);
                tail.splice(0, Math.max(0, tail.length - 6));
                q.onData(data);
              },
            }),
          );
        } catch (error) {
          q.reject(error as Error);
          continue;
        }
        const idle = tail.length === 6 && READY.every((b, k) => tail[k] === b) && tail[5] === IDLE;
        this.#owner = idle ? null : q.handlerId;
        q.resolve(bytes);
      }
    } finally {
      this.#running = false;
    }
  }
}
