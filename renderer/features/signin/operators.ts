import { map, type Observable } from 'rxjs';
import type { TerminalDb } from '../../db/index.js';
import type { Operator } from '../../../sync/model/index.js';

/** The store's operators as synced, by name; active ones first so the list starts with who can sign in. */
export function sortOperators(operators: readonly Operator[]): Operator[] {
  return [...operators].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/** Type-to-filter on the sign-in list: by name or id, any part, ignoring case. */
export function filterOperators(operators: readonly Operator[], text: string): Operator[] {
  const needle = text.trim().toLowerCase();
  if (needle === '') return [...operators];
  return operators.filter((o) => o.name.toLowerCase().includes(needle) || o.id.toLowerCase().includes(needle));
}

/** The operator whose badge this is. Exact match first; a scanner set to another case still finds it. */
export function findByBadge(operators: readonly Operator[], code: string): Operator | undefined {
  const scanned = code.trim();
  if (scanned === '') return undefined;
  return operators.find((o) => o.badge === scanned) ?? operators.find((o) => o.badge?.toLowerCase() === scanned.toLowerCase());
}

export function operators$(db: TerminalDb): Observable<Operator[]> {
  return db.operators.find().$.pipe(map((docs) => sortOperators(docs.map((d) => d.toJSON() as Operator))));
}

export function operator$(db: TerminalDb, id: string): Observable<Operator | null> {
  return db.operators.findOne(id).$.pipe(map((doc) => (doc ? (doc.toJSON() as Operator) : null)));
}

/** Operator names by id for the screens that show who did something. */
export function operatorNames$(db: TerminalDb): Observable<Map<string, string>> {
  return db.operators.find().$.pipe(map((docs) => new Map(docs.map((d) => [d.id, d.name]))));
}
