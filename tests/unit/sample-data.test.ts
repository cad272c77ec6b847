/**
 * The sample dataset (data/sample/*, written by data/generate-sample.ts): deterministic,
 * big enough, in the shape of the data contract, and internally consistent.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { readParquet } from 'parquet-wasm/esm';
import { CONTRACT, IDM_CUTOFFS, IDM_TOP_STATUS } from '../../src/lib/engine/contract';
import { DEFAULT_SEED, SAMPLE_TABLES, generateSample, type Sample } from '../../data/sample/index';
import { toCsv, type Row } from '../../data/sample/table';
import { toParquet } from '../../data/sample/parquet';
import { buildManifest, sampleFiles } from '../../data/sample/output';
import { realizedBalance } from '../../data/sample/budget';
import { stuntingPrevalence } from '../../data/sample/health';
import { Rng } from '../../data/sample/random';
import { buildPanel } from '../../data/sample/roster';
import { householdsTable, simulateHouseholds } from '../../data/sample/households';
import { meetingsTable } from '../../data/sample/meetings';

let sample: Sample;
beforeAll(() => {
	sample = generateSample(DEFAULT_SEED);
});

const rows = (name: keyof Sample['tables']): Row[] => sample.tables[name].rows;
const distinct = (rs: Row[], key: string) => new Set(rs.map((r) => r[key])).size;
/** Checks many rows without one expect() per cell (that would be slow): collect, then assert. */
function problems(check: (fail: (message: string) => void) => void): string[] {
	const found: string[] = [];
	check((message) => {
		if (found.length < 10) found.push(message);
	});
	return found;
}
const FIRST_DAY = '2023-01-01';
const LAST_DAY = '2026-06-30';

describe('sample data: determinism', () => {
	let again: Sample;

	it('gives byte-identical CSV for the same seed', () => {
		again = generateSample(DEFAULT_SEED);
		for (const name of SAMPLE_TABLES) expect(toCsv(again.tables[name]), name).toBe(toCsv(sample.tables[name]));
	});

	it('gives identical Parquet bytes for the same rows', () => {
		const a = toParquet(sample.tables.people);
		const b = toParquet(again.tables.people);
		expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
	});

	it('gives other data for another seed', () => {
		const seed = DEFAULT_SEED + 1;
		const root = new Rng(seed);
		const panel = buildPanel(root.fork('roster'));
		const households = householdsTable(root.fork('households:rows'), panel, simulateHouseholds(root.fork('households'), panel));
		expect(toCsv(households)).not.toBe(toCsv(sample.tables.households));
		expect(toCsv(meetingsTable(new Rng(seed).fork('meetings')))).not.toBe(toCsv(sample.tables.meetings));
	});
});

describe('sample data: shape of the contract', () => {
	it('has every contract table but village_index_indicators, with its required columns', () => {
		for (const name of SAMPLE_TABLES) {
			const table = sample.tables[name];
			const columns = table.columns.map((c) => c.name);
			const contract = CONTRACT[name];
			for (const c of contract.columns.filter((x) => x.required)) expect(columns, `${name}.${c.name}`).toContain(c.name);
			// canonical names only (village_index also carries the district columns of the IDM export)
			const canonical = new Set(contract.columns.map((c) => c.name));
			const extra = columns.filter((c) => !canonical.has(c));
			if (name === 'village_index') {
				expect(extra.sort()).toEqual(
					['kode_kabupaten', 'kode_kecamatan', 'kode_provinsi', 'nama_kabupaten', 'nama_kecamatan', 'nama_provinsi'].sort()
				);
			} else {
				expect(extra, name).toEqual([]);
			}
		}
	});

	it('writes canonical CSV: header, comma, no BOM, ISO dates, true/false, plain numbers', () => {
		for (const name of SAMPLE_TABLES) {
			const csv = toCsv(sample.tables[name]);
			expect(csv.charCodeAt(0)).not.toBe(0xfeff);
			expect(csv.split('\n', 1)[0]).toBe(sample.tables[name].columns.map((c) => c.name).join(','));
			expect(csv).not.toMatch(/\d\.\d{3}\.\d{3}/); // no thousands separators
			expect(csv).not.toMatch(/\de[+-]?\d/i); // no exponent notation
		}
		const bad = problems((fail) => {
			for (const name of SAMPLE_TABLES) {
				const table = sample.tables[name];
				for (const c of table.columns) {
					for (const r of table.rows) {
						const v = r[c.name];
						if (v === null) continue;
						if (c.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(String(v))) fail(`${name}.${c.name}: ${v}`);
						if (c.type === 'bool' && typeof v !== 'boolean') fail(`${name}.${c.name}: ${v}`);
						if (c.type === 'int' && !Number.isInteger(v)) fail(`${name}.${c.name}: ${v}`);
					}
				}
			}
		});
		expect(bad).toEqual([]);
	});

	it('uses the canonical values: sex F/M, owner_sex F/M/joint, labour status, services, statuses', () => {
		const values = (name: keyof Sample['tables'], col: string) => new Set(rows(name).map((r) => r[col]).filter((v) => v !== null));
		for (const [t, c] of [
			['households', 'head_sex'],
			['people', 'sex'],
			['trainings', 'sex'],
			['enterprises', 'manager_sex'],
			['loans', 'borrower_sex'],
			['health_services', 'sex']
		] as const) {
			expect([...values(t, c)].sort(), `${t}.${c}`).toEqual(['F', 'M']);
		}
		expect([...values('enterprises', 'owner_sex')].sort()).toEqual(['F', 'M', 'joint']);
		expect([...values('people', 'labour_status')].sort()).toEqual(['employed', 'inactive', 'unemployed']);
		expect([...values('households', 'round')].sort()).toEqual(['baseline', 'endline', 'midline']);
		expect([...values('households', 'group')].sort()).toEqual(['comparison', 'program']);
		expect([...values('trainings', 'course')].sort()).toEqual(['handicraft', 'ict', 'organic_farming']);
		expect([...values('loans', 'status')].sort()).toEqual(['active', 'repaid', 'written_off']);
		expect([...values('health_services', 'service')].sort()).toEqual(
			['antenatal', 'checkup', 'growth_monitoring', 'health_education', 'immunization'].sort()
		);
		expect([...values('infrastructure', 'status')].sort()).toEqual(['completed', 'in_progress', 'planned']);
		expect([...values('budget', 'category')].sort()).toEqual(['expenditure', 'financing_in', 'financing_out', 'revenue']);
		expect([...values('budget', 'source')].sort()).toEqual(['add', 'dana_desa', 'other', 'pades']);
		expect(values('budget', 'field').size).toBe(5);
	});
});

describe('sample data: size', () => {
	it('has at least the minimum rows per table', () => {
		for (const round of ['baseline', 'midline', 'endline']) {
			const hh = rows('households').filter((r) => r.round === round);
			expect(hh.length).toBeGreaterThanOrEqual(1000);
			expect(hh.filter((r) => r.group === 'comparison').length).toBeGreaterThanOrEqual(300);
		}
		expect(rows('trainings').length).toBeGreaterThanOrEqual(400);
		expect(rows('trainings').length).toBeLessThanOrEqual(600);
		expect(distinct(rows('enterprises'), 'enterprise_id')).toBeGreaterThanOrEqual(120);
		expect(distinct(rows('enterprises'), 'enterprise_id')).toBeLessThanOrEqual(180);
		expect(distinct(rows('loans'), 'loan_id')).toBeGreaterThanOrEqual(200);
		expect(distinct(rows('loans'), 'loan_id')).toBeLessThanOrEqual(300);
		expect(distinct(rows('infrastructure'), 'project_id')).toBeGreaterThanOrEqual(15);
		expect(distinct(rows('infrastructure'), 'project_id')).toBeLessThanOrEqual(25);
		expect(rows('meetings').length).toBeGreaterThanOrEqual(42);
		expect(distinct(rows('village_index'), 'village_code')).toBeGreaterThanOrEqual(13);
		expect(distinct(rows('targets'), 'indicator')).toBeGreaterThanOrEqual(25);
		expect(new Set(rows('indicator_values').map((r) => r.indicator))).toEqual(new Set(['HLT-03', 'HLT-04']));
	});

	it('keeps all CSV together under 5 MB', () => {
		const bytes = SAMPLE_TABLES.reduce((s, name) => s + Buffer.byteLength(toCsv(sample.tables[name])), 0);
		expect(bytes).toBeLessThan(5 * 1024 * 1024);
	});
});

describe('sample data: consistency', () => {
	it('has one people row per member in every household round, with stable sex and age +1 a year', () => {
		const count = new Map<string, number>();
		for (const p of rows('people')) {
			const k = `${p.household_id}|${p.round}`;
			count.set(k, (count.get(k) ?? 0) + 1);
		}
		expect(count.size).toBe(rows('households').length);
		const order: Record<string, number> = { baseline: 0, midline: 1, endline: 2 };
		const bad = problems((fail) => {
			for (const h of rows('households')) {
				if (count.get(`${h.household_id}|${h.round}`) !== h.members) fail(`${h.household_id} ${h.round}: members ${h.members}`);
				if ((h.members as number) < 1 || (h.members as number) > 9) fail(`${h.household_id}: members ${h.members}`);
				if ((h.weight as number) < 0.6 || (h.weight as number) > 1.8) fail(`${h.household_id}: weight ${h.weight}`);
			}
			const seen = new Map<string, Row>();
			for (const p of rows('people')) {
				const prev = seen.get(String(p.person_id));
				if (prev) {
					if (p.sex !== prev.sex || p.household_id !== prev.household_id) fail(`${p.person_id}: changed sex or household`);
					if ((p.age as number) - (prev.age as number) !== order[String(p.round)] - order[String(prev.round)]) {
						fail(`${p.person_id}: age ${prev.age} in ${prev.round}, ${p.age} in ${p.round}`);
					}
				} else seen.set(String(p.person_id), p);
				if ((p.age as number) < 15 && p.labour_status !== null) fail(`${p.person_id}: labour status at age ${p.age}`);
			}
		});
		expect(bad).toEqual([]);
	});

	it('surveys in February-March of 2023, 2024 and 2025', () => {
		const year: Record<string, string> = { baseline: '2023', midline: '2024', endline: '2025' };
		const bad = problems((fail) => {
			for (const h of rows('households')) {
				const d = String(h.survey_date);
				if (d.slice(0, 4) !== year[String(h.round)] || !['02', '03'].includes(d.slice(5, 7))) fail(`${h.household_id} ${h.round}: ${d}`);
			}
		});
		expect(bad).toEqual([]);
	});

	it('keeps monitoring dates between January 2023 and June 2026, in order', () => {
		const dated: Array<[keyof Sample['tables'], string[]]> = [
			['trainings', ['start_date', 'end_date', 'followup_date']],
			['enterprises', ['report_date']],
			['loans', ['disbursed_date', 'report_date']],
			['health_services', ['date']],
			['infrastructure', ['report_date', 'completion_date']],
			['meetings', ['date']]
		];
		const bad = problems((fail) => {
			for (const [t, cols] of dated) {
				for (const r of rows(t)) {
					for (const c of cols) {
						if (r[c] !== null && (String(r[c]) < FIRST_DAY || String(r[c]) > LAST_DAY)) fail(`${t}.${c}: ${r[c]}`);
					}
				}
			}
			for (const r of rows('trainings')) {
				if (String(r.end_date) <= String(r.start_date)) fail(`training ${r.participant_id}: ends before it starts`);
				if (r.followup_date !== null && String(r.followup_date) <= String(r.end_date)) fail(`training ${r.participant_id}: follow-up before end`);
				if (r.working_at_followup !== null && r.followup_date === null) fail(`training ${r.participant_id}: working without follow-up`);
			}
			for (const r of rows('loans')) if (String(r.report_date) < String(r.disbursed_date)) fail(`loan ${r.loan_id}: report before disbursement`);
			for (const r of rows('infrastructure')) {
				if ((r.completion_date !== null) !== (r.status === 'completed')) fail(`${r.project_id} ${r.report_date}: completion_date vs status`);
				if ((r.progress_pct as number) < 0 || (r.progress_pct as number) > 100) fail(`${r.project_id}: progress ${r.progress_pct}`);
				if ((r.spent_idr as number) > (r.budget_idr as number)) fail(`${r.project_id}: spent over budget`);
			}
		});
		expect(bad).toEqual([]);
	});

	it('keeps counts within their totals', () => {
		const bad = problems((fail) => {
			for (const m of rows('meetings')) {
				if ((m.women_attendees as number) > (m.attendees as number)) fail(`${m.meeting_id}: women_attendees > attendees`);
				if (m.proposals === null ? m.proposals_adopted !== null : (m.proposals_adopted as number) > (m.proposals as number)) {
					fail(`${m.meeting_id}: proposals_adopted > proposals`);
				}
			}
			for (const e of rows('enterprises')) {
				if ((e.women_workers as number) > (e.workers as number)) fail(`${e.enterprise_id} ${e.report_date}: women_workers > workers`);
				if ((e.workers as number) < 1) fail(`${e.enterprise_id} ${e.report_date}: no workers`);
			}
			for (const l of rows('loans')) {
				if ((l.outstanding_idr as number) > (l.amount_idr as number)) fail(`${l.loan_id}: outstanding > amount`);
				if ((l.amount_idr as number) < 2_000_000 || (l.amount_idr as number) > 25_000_000) fail(`${l.loan_id}: amount ${l.amount_idr}`);
				if (l.status === 'repaid' && l.outstanding_idr !== 0) fail(`${l.loan_id}: repaid with outstanding`);
			}
		});
		expect(bad).toEqual([]);
	});

	it('has loan snapshots with outstanding never rising, ending at repaid or written off', () => {
		const byLoan = new Map<string, Row[]>();
		for (const l of rows('loans')) {
			const list = byLoan.get(String(l.loan_id));
			if (list) list.push(l);
			else byLoan.set(String(l.loan_id), [l]);
		}
		const bad = problems((fail) => {
			for (const [id, snaps] of byLoan) {
				snaps.sort((a, b) => (String(a.report_date) < String(b.report_date) ? -1 : 1));
				for (let i = 1; i < snaps.length; i++) {
					if ((snaps[i].outstanding_idr as number) > (snaps[i - 1].outstanding_idr as number)) fail(`${id}: outstanding rose`);
					if (snaps[i - 1].status !== 'active') fail(`${id}: a snapshot after ${snaps[i - 1].status}`);
				}
			}
		});
		expect(bad).toEqual([]);
	});

	it('balances the budget as planned, and not to zero as realised', () => {
		for (const year of [2023, 2024, 2025, 2026]) {
			const lines = rows('budget').filter((r) => r.year === year);
			const planned = lines.map((l) => ({ category: String(l.category), realized: l.budget_idr as number }));
			expect(realizedBalance(planned)).toBe(0);
			for (const l of lines.filter((x) => x.category === 'expenditure')) {
				expect(l.realized_idr as number).toBeLessThanOrEqual(l.budget_idr as number);
			}
		}
		const balances = [2023, 2024, 2025].map((y) =>
			realizedBalance(rows('budget').filter((r) => r.year === y) as Array<{ category: string; realized_idr: number }>)
		);
		for (const b of balances) {
			expect(b).not.toBe(0);
			expect(Math.abs(b)).toBeLessThan(100_000_000);
		}
	});

	it('has IDM scores that are the mean of the three indices, with the status of the cut-offs', () => {
		for (const r of rows('village_index')) {
			const mean = ((r.iks as number) + (r.ike as number) + (r.ikl as number)) / 3;
			expect(Math.abs((r.score as number) - mean)).toBeLessThan(1e-4);
			const cut = IDM_CUTOFFS.find(([c]) => (r.score as number) <= c);
			expect(r.status).toBe(cut ? cut[1] : IDM_TOP_STATUS);
		}
	});

	it('tells a program story: poverty falls faster in the program group, stunting falls', () => {
		const poverty = (round: string, group: string) => {
			let poor = 0;
			let all = 0;
			for (const h of rows('households').filter((r) => r.round === round && r.group === group)) {
				const w = (h.weight as number) * (h.members as number);
				all += w;
				if ((h.income_month_idr as number) / (h.members as number) < 580_349) poor += w;
			}
			return poor / all;
		};
		const baseline = (poverty('baseline', 'program') + poverty('baseline', 'comparison')) / 2;
		expect(baseline).toBeGreaterThan(0.2);
		expect(baseline).toBeLessThan(0.4);
		const did = poverty('endline', 'program') - poverty('baseline', 'program') - (poverty('endline', 'comparison') - poverty('baseline', 'comparison'));
		expect(did).toBeLessThan(-0.02);
		const stunting = (y: number) => {
			const s = stuntingPrevalence(rows('health_services'), `${y}-01-01`, `${y}-12-31`);
			return s.stunted / s.children;
		};
		expect(stunting(2023)).toBeGreaterThan(0.24);
		expect(stunting(2026)).toBeLessThan(stunting(2023) - 0.05);
	});
});

describe('sample data: files and manifest', () => {
	it('lists one default file per table (people as Parquet), with rows, bytes and hashes', () => {
		const files = sampleFiles(sample);
		const manifest = buildManifest(sample, files);
		expect(manifest.village).toBe('Desa Tanjung Barat');
		expect(manifest.seed).toBe(DEFAULT_SEED);
		expect(manifest.files.map((f) => f.table)).toEqual([...SAMPLE_TABLES]);
		expect(manifest.files.find((f) => f.table === 'people')?.file).toBe('people.parquet');
		for (const f of manifest.files) {
			if (f.table !== 'people') expect(f.file).toBe(`${f.table}.csv`);
			expect(f.rows).toBe(sample.tables[f.table].rows.length);
			expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
		}
		expect(manifest.alternates.map((f) => f.file).sort()).toEqual(['households.parquet', 'people.csv']);
	});

	it('writes Parquet with DateDay, Bool, Int32 and Float64 columns and the same rows', () => {
		const pq = toParquet(sample.tables.households);
		const table = tableFromIPC(readParquet(pq).intoIPCStream());
		expect(table.numRows).toBe(rows('households').length);
		const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
		expect(types).toMatchObject({
			household_id: 'Utf8',
			survey_date: 'Date32<DAY>',
			members: 'Int32',
			income_month_idr: 'Float64',
			electricity: 'Bool',
			weight: 'Float64'
		});
		const first = table.get(0)!.toJSON();
		expect(new Date(first.survey_date as number).toISOString().slice(0, 10)).toBe(rows('households')[0].survey_date);
		expect(first.members).toBe(rows('households')[0].members);
	});
});
