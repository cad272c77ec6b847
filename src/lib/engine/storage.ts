/**
 * Loaded files kept on this device (IndexedDB, in the worker), so tables survive a reload
 * and a browser restart. What is kept is each file's bytes and how it was loaded (table
 * name, contract assignment, column mapping); the tables are rebuilt from them on start.
 * "Remove all data from this device" deletes the whole store.
 */
import type { LoadOptions, SourceFile } from './ingest';

const DB_NAME = 'pantau';
const STORE = 'files';

export interface StoredFile {
	/** The table name: the key. */
	table: string;
	file: SourceFile;
	options: LoadOptions;
	/** Load order, so appended tables come back in the same order. */
	order: number;
	savedAt: string;
}

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(DB_NAME, 1);
		req.onupgradeneeded = () => {
			if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'table' });
		};
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

async function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
	const db = await open();
	try {
		return await new Promise<T | undefined>((resolve, reject) => {
			const tx = db.transaction(STORE, mode);
			const req = fn(tx.objectStore(STORE));
			tx.oncomplete = () => resolve(req ? req.result : undefined);
			tx.onerror = () => reject(tx.error);
			tx.onabort = () => reject(tx.error ?? new Error('The device storage refused the change (it may be full).'));
		});
	} finally {
		db.close();
	}
}

export const deviceStorage = {
	available(): boolean {
		return typeof indexedDB !== 'undefined';
	},
	async list(): Promise<StoredFile[]> {
		const all = (await run<StoredFile[]>('readonly', (s) => s.getAll() as IDBRequest<StoredFile[]>)) ?? [];
		return all.sort((a, b) => a.order - b.order);
	},
	async put(entry: StoredFile): Promise<void> {
		await run('readwrite', (s) => s.put(entry));
	},
	async remove(table: string): Promise<void> {
		await run('readwrite', (s) => s.delete(table));
	},
	async clear(): Promise<void> {
		await run('readwrite', (s) => s.clear());
	},
	async count(): Promise<number> {
		return (await run<number>('readonly', (s) => s.count())) ?? 0;
	}
};
