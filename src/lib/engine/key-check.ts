/**
 * Whether a file's keys repeat, as work another thread can do while the engine reads the
 * file (key-worker.ts). The answer only lets the load skip its duplicate-key query, so a
 * check that cannot be made, or fails, answers false and the query runs: never a wrong
 * "distinct".
 *
 * A load hands the check over where a `KeyChecker` takes it (the engine worker's helper
 * thread, for files up to MAX_KEY_JOB_BYTES); otherwise it makes the check itself, in the
 * same pass over the bytes as the rest of the column facts, as before.
 */
import { columnFacts, type Delimiter } from './csv-dialect';

/** A CSV file's bytes (UTF-8) and dialect, and the indices of its key columns. */
export interface CsvKeyJob {
	kind: 'csv';
	utf8: Uint8Array;
	delimiter: Delimiter;
	header: boolean;
	columns: number;
	keys: number[];
}

/** An Arrow IPC stream holding (at least) the key columns of a decoded Parquet file. */
export interface ArrowKeyJob {
	kind: 'arrow';
	ipc: Uint8Array;
	keys: string[];
}

export type KeyJob = CsvKeyJob | ArrowKeyJob;

/** Runs key checks elsewhere. */
export interface KeyChecker {
	/** Whether it takes a job of this many bytes (else the load checks the keys itself). */
	takes(bytes: number): boolean;
	/** The answer. The job's bytes are handed over: the caller passes a copy. */
	check(job: KeyJob): Promise<boolean>;
}

/** Above this many bytes a job is not copied to another thread (memory), and is checked in place. */
export const MAX_KEY_JOB_BYTES = 160 * 1024 * 1024;

/**
 * Whether no two rows have the same key. A CSV file: as columnFacts finds it (null there,
 * a file it cannot read plainly, is false here); whether the loaded keys are the file's
 * text (no padding, no missing-value codes) is the caller's to add, from its own facts.
 */
export async function keysDistinct(job: KeyJob): Promise<boolean> {
	if (job.kind === 'csv') {
		const check = { columns: job.keys, distinct: null as boolean | null };
		columnFacts(job.utf8, job.delimiter, job.header, job.columns, check);
		return check.distinct === true;
	}
	const { arrowKeysDistinct } = await import('./arrow-facts');
	return arrowKeysDistinct(job.ipc, job.keys);
}
