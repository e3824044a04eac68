import type { ConsoleUser } from '../../../protocol/console.js';
import { ProtocolError } from '../../../protocol/errors.js';
import type { CreateSupplierRequest, Supplier, SupplierContact, UpdateSupplierRequest } from '../../../protocol/settlement-master.js';
import { audit } from '../../console-auth/audit.js';
import type { Db, Queryable } from '../../db/index.js';
import { ISO, num } from './common.js';

interface SupplierRow {
  id: string;
  name: string;
  contacts: SupplierContact[];
  counters: string | number;
  created_at: string;
  updated_at: string;
}

const SELECT = `SELECT s.id, s.name, s.contacts, ${ISO('s.created_at')} AS created_at, ${ISO('s.updated_at')} AS updated_at,
  (SELECT count(*) FROM concession_counters c WHERE c.supplier_id = s.id) AS counters FROM suppliers s`;

const view = (r: SupplierRow): Supplier => ({
  id: r.id, name: r.name, contacts: r.contacts, counters: num(r.counters), createdAt: r.created_at, updatedAt: r.updated_at,
});

export async function listSuppliers(q: Queryable): Promise<Supplier[]> {
  return (await q.query<SupplierRow>(`${SELECT} ORDER BY s.id`)).map(view);
}

async function supplierById(q: Queryable, id: string): Promise<Supplier | undefined> {
  const [row] = await q.query<SupplierRow>(`${SELECT} WHERE s.id = $1`, [id]);
  return row ? view(row) : undefined;
}

/** Empty strings from a form are absent fields, so a contact reads the same however it was typed. */
const cleanContacts = (contacts: readonly SupplierContact[] = []): SupplierContact[] =>
  contacts.map((c) => Object.fromEntries(Object.entries(c).map(([k, v]: [string, string]) => [k, v.trim()]).filter(([, v]) => v !== '')) as unknown as SupplierContact);

export async function createSupplier(db: Db, who: ConsoleUser, input: CreateSupplierRequest): Promise<Supplier> {
  return db.tx(async (q) => {
    const inserted = await q.query<{ id: string }>(
      'INSERT INTO suppliers (id, name, contacts) VALUES ($1, $2, $3::jsonb) ON CONFLICT (id) DO NOTHING RETURNING id',
      [input.id, input.name.trim(), JSON.stringify(cleanContacts(input.contacts))],
    );
    if (inserted.length === 0) throw new ProtocolError('CONFLICT', `supplier "${input.id}" exists already`, 409, { supplierId: input.id });
    await audit(q, who, 'settlement.supplier.create', input.id, { name: input.name });
    return (await supplierById(q, input.id))!;
  });
}

export async function updateSupplier(db: Db, who: ConsoleUser, id: string, input: UpdateSupplierRequest): Promise<Supplier> {
  return db.tx(async (q) => {
    const before = await supplierById(q, id);
    if (!before) throw new ProtocolError('UNKNOWN_SUPPLIER', `supplier "${id}" does not exist`, 404, { supplierId: id });
    const contacts = cleanContacts(input.contacts ?? before.contacts);
    await q.query('UPDATE suppliers SET name = $2, contacts = $3::jsonb, updated_at = now() WHERE id = $1', [id, input.name.trim(), JSON.stringify(contacts)]);
    await audit(q, who, 'settlement.supplier.update', id, { before: { name: before.name, contacts: before.contacts }, after: { name: input.name, contacts } });
    return (await supplierById(q, id))!;
  });
}
