/**
 * Survey rounds. A round's date is MIN(survey_date) over its household rows (a round's
 * fieldwork can span days or weeks; its first day orders it). Rounds come from the
 * households table only: people rows carry the round name but no date.
 *
 * The round shown for a period is the latest round whose date is on or before the
 * period's last day; the baseline is the earliest round.
 */
import type { Queryable } from '../engine/database';
import { rowObjects } from '../engine/database';
import { sql, col, id, tableRef, type SqlFragment } from './fragment';
import { asText } from './dialect';
import { toIsoDate } from './period';
import type { TableInfo } from './types';

export interface SurveyRound {
	round: string;
	/** MIN(survey_date) of the round, `YYYY-MM-DD`. */
	date: string;
}

export function surveyRoundsQuery(households: TableInfo): SqlFragment {
	const round = asText(col('h', 'round'));
	return sql`SELECT ${round} AS ${id('round')}, MIN(${col('h', 'survey_date')}) AS ${id('round_date')}
		FROM ${tableRef(households.ref)} AS ${id('h')}
		WHERE ${col('h', 'round')} IS NOT NULL AND ${col('h', 'survey_date')} IS NOT NULL
		GROUP BY ${round}`;
}

/** Rounds ordered by date, then by name (so the order never depends on row order). */
export function loadSurveyRounds(db: Queryable, households: TableInfo): SurveyRound[] {
	const q = surveyRoundsQuery(households);
	const rows = rowObjects<{ round: string; round_date: unknown }>(db.query(q.text, [...q.params]));
	return rows
		.map((r) => ({ round: String(r.round), date: toIsoDate(r.round_date) }))
		.filter((r): r is SurveyRound => r.date !== null)
		.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.round < b.round ? -1 : a.round > b.round ? 1 : 0));
}

/** The latest round dated on or before `periodEnd` (`YYYY-MM-DD`), or null. */
export function surveyRoundFor(rounds: readonly SurveyRound[], periodEnd: string): SurveyRound | null {
	let found: SurveyRound | null = null;
	for (const r of rounds) if (r.date <= periodEnd) found = r;
	return found;
}

/** The baseline: the earliest round. */
export function baselineRound(rounds: readonly SurveyRound[]): SurveyRound | null {
	return rounds.length ? rounds[0] : null;
}
