/**
 * loans: one row per micro-loan per monthly snapshot (month end), from the month of
 * disbursement until the loan is repaid or written off, or June 2026.
 *
 * Loans of Rp 2-25 million, paid in equal monthly instalments over 6-24 months. About
 * 60% go to women. Most borrowers pay on time; some fall behind and catch up; a few stop
 * paying and are written off after 180 days past due. Loans to the owners of supported
 * enterprises carry the enterprise_id. Repeat borrowers take larger loans.
 */
import { Rng, clamp, roundTo } from './random';
import { addMonths, byText, dayOf, daysInMonth, iso, monthEnd, skipSunday, ymd } from './dates';
import { DATA_END } from './village';
import { monthYear, FIRST_MONTH, LAST_MONTH, type Enterprise } from './enterprises';
import { date, int, money, text, type Row, type SampleTable } from './table';

type Behaviour = 'good' | 'struggling' | 'default';

interface Borrower {
	id: string;
	sex: 'F' | 'M';
	enterpriseId: string | null;
	/** Month number until which the borrower holds a loan (no second loan at the same time). */
	busyUntil: number;
	lastAmount: number;
}

export const LOAN_COLUMNS = [
	text('loan_id'),
	text('borrower_id'),
	text('borrower_sex'),
	text('enterprise_id'),
	date('disbursed_date'),
	money('amount_idr'),
	date('report_date'),
	money('outstanding_idr'),
	int('days_past_due'),
	text('status')
];

function termFor(rng: Rng, amount: number): number {
	if (amount <= 5_000_000) return rng.pick([6, 12]);
	if (amount <= 12_000_000) return rng.pick([12, 18]);
	return rng.pick([18, 24]);
}

interface LoanResult {
	rows: Row[];
	/** Month number of the last snapshot. */
	lastMonth: number;
	writtenOff: boolean;
}

function simulateLoan(rng: Rng, loanId: string, b: Borrower, disbursed: number, amount: number, term: number): LoanResult {
	const behaviour: Behaviour = rng.weighted([
		['good', 0.8],
		['struggling', 0.16],
		['default', b.sex === 'F' ? 0.045 : 0.075]
	] as const);
	const defaultAfter = rng.int(2, Math.max(2, term - 2));
	const earlyPayoff = rng.chance(0.05) ? rng.int(3, term) : Infinity;
	const due = Array.from({ length: term }, (_, k) => addMonths(disbursed, k + 1));
	const rows: Row[] = [];
	let paid = 0;
	let lastMonth = 0;
	let writtenOff = false;
	const { year, month } = ymd(disbursed);
	for (let k = 0; ; k++) {
		const ym = monthYear(year * 12 + month - 1 - FIRST_MONTH + k);
		const reportDate = monthEnd(ym.year, ym.month);
		if (reportDate > DATA_END) break;
		const dueCount = due.filter((d) => d <= reportDate).length;
		const behind = dueCount - paid;
		if (k >= earlyPayoff) paid = term;
		else if (behaviour === 'good') paid += rng.chance(0.96) ? behind : Math.max(0, behind - 1);
		else if (behaviour === 'struggling') {
			const r = rng.next();
			paid += r < 0.5 ? behind : r < 0.8 ? Math.min(1, behind) : 0;
		} else if (k < defaultAfter) paid += behind;
		paid = Math.min(paid, term);
		const outstanding = amount - Math.round((amount * paid) / term);
		const dpd = paid < dueCount ? reportDate - due[paid] : 0;
		const status = paid >= term ? 'repaid' : dpd > 180 ? 'written_off' : 'active';
		rows.push({
			loan_id: loanId,
			borrower_id: b.id,
			borrower_sex: b.sex,
			enterprise_id: b.enterpriseId,
			disbursed_date: iso(disbursed),
			amount_idr: amount,
			report_date: iso(reportDate),
			outstanding_idr: status === 'repaid' ? 0 : outstanding,
			days_past_due: status === 'repaid' ? 0 : dpd,
			status
		});
		lastMonth = year * 12 + month - 1 - FIRST_MONTH + k;
		writtenOff = status === 'written_off';
		if (status !== 'active') break;
	}
	return { rows, lastMonth, writtenOff };
}

export function loansTable(rng: Rng, enterprises: Enterprise[]): SampleTable {
	const borrowers: Borrower[] = [];
	const byEnterprise = new Map<string, Borrower>();
	const newBorrower = (sex: 'F' | 'M', enterpriseId: string | null): Borrower => {
		const b: Borrower = { id: `BRW-${String(borrowers.length + 1).padStart(4, '0')}`, sex, enterpriseId, busyUntil: -1, lastAmount: 0 };
		borrowers.push(b);
		return b;
	};
	const rows: Row[] = [];
	let loanNo = 0;
	const lastDisbursementMonth = LAST_MONTH - FIRST_MONTH - 1; // through May 2026
	for (let m = 0; m <= lastDisbursementMonth; m++) {
		const { year, month } = monthYear(m);
		const n = rng.poisson(m < 3 ? 4 : m < 12 ? 5.5 : 6.3);
		for (let i = 0; i < n; i++) {
			let b: Borrower | undefined;
			const free = enterprises.filter((e) => e.entry <= m && e.exit > m && (byEnterprise.get(e.id)?.busyUntil ?? -1) < m);
			if (free.length > 0 && rng.chance(0.6)) {
				const e = rng.pick(free);
				b = byEnterprise.get(e.id);
				if (!b) {
					const sex = e.ownerSex === 'joint' ? (rng.chance(0.5) ? 'F' : 'M') : e.ownerSex;
					b = newBorrower(sex, e.id);
					byEnterprise.set(e.id, b);
				}
			} else {
				const repeat = borrowers.filter((x) => x.enterpriseId === null && x.busyUntil < m && x.lastAmount > 0);
				b = repeat.length > 0 && rng.chance(0.3) ? rng.pick(repeat) : newBorrower(rng.chance(0.68) ? 'F' : 'M', null);
			}
			const first = b.lastAmount === 0;
			const raw = first ? rng.logNormal(b.enterpriseId ? 7_000_000 : 4_500_000, 0.55) : b.lastAmount * rng.uniform(1.2, 1.7);
			const amount = clamp(roundTo(raw, 500_000), 2_000_000, 25_000_000);
			const term = termFor(rng, amount);
			const disbursed = skipSunday(dayOf(year, month, rng.int(1, daysInMonth(year, month) - 1)));
			loanNo++;
			const loanId = `PJM-${String(loanNo).padStart(4, '0')}`;
			const result = simulateLoan(rng, loanId, b, disbursed, amount, term);
			b.busyUntil = result.writtenOff ? Infinity : result.lastMonth; // no new loan after a write-off
			b.lastAmount = amount;
			rows.push(...result.rows);
		}
	}
	rows.sort((a, b) => byText(a.report_date, b.report_date) || byText(a.loan_id, b.loan_id));
	return { name: 'loans', columns: LOAN_COLUMNS, rows };
}
