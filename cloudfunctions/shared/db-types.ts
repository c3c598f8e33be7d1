/**
 * The promise-style slice of wx-server-sdk's database API that the functions use, typed.
 * (The SDK's own typings merge the callback overloads into every return type, e.g.
 * `string | void | IQueryResult`, which strict TypeScript cannot use.)
 */
import type cloud from 'wx-server-sdk';

type Sdk = typeof cloud;
/** `db.command`: query and update operators. */
export type Command = ReturnType<Sdk['database']>['command'];

export interface Query {
  where(query: object): Query;
  orderBy(field: string, order: 'asc' | 'desc'): Query;
  skip(n: number): Query;
  limit(n: number): Query;
  field(projection: Record<string, boolean>): Query;
  get(): Promise<{ data: unknown[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface DocumentRef {
  get(): Promise<{ data: unknown | null }>;
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
  set(options: { data: object }): Promise<{ _id: string; stats: { updated: number; created: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface Aggregate {
  match(q: object): Aggregate;
  group(g: object): Aggregate;
  sort(s: object): Aggregate;
  project(p: object): Aggregate;
  lookup(l: object): Aggregate;
  limit(n: number): Aggregate;
  skip(n: number): Aggregate;
  unwind(u: string | object): Aggregate;
  replaceRoot(r: object): Aggregate;
  addFields(f: object): Aggregate;
  end(): Promise<{ list: unknown[] }>;
}

export interface CollectionRef extends Query {
  doc(id: string): DocumentRef;
  add(options: { data: object | object[] }): Promise<{ _id: string; _ids?: string[] }>;
  aggregate(): Aggregate;
}

export interface TransactionRef {
  collection(name: string): { doc(id: string): DocumentRef; add(options: { data: object }): Promise<{ _id: string }> };
}

export interface Database {
  collection(name: string): CollectionRef;
  command: Command;
  serverDate(options?: { offset: number }): unknown;
  RegExp(options: { regexp: string; options?: string }): unknown;
  createCollection(name: string): Promise<unknown>;
  runTransaction<T>(fn: (t: TransactionRef) => Promise<T>, times?: number): Promise<T>;
}

