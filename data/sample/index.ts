/**
 * The Desa Tanjung Barat sample program dataset: every contract table, generated from one
 * seed. Pure: no files are read or written here (see data/generate-sample.ts).
 *
 * Each table draws from its own random stream (`root.fork(name)`), so the tables do not
 * shift each other's numbers when one of them changes.
 */
import { Rng } from './random';
import { buildPanel } from './roster';
import { householdsTable, simulateHouseholds } from './households';
import { peopleTable } from './people';
import { trainingsTable } from './trainings';
import { enterprisesTable } from './enterprises';
import { loansTable } from './loans';
import { healthServicesTable } from './health';
import { infrastructureTable } from './infrastructure';
import { meetingsTable } from './meetings';
import { budgetTable } from './budget';
import { targetsTable } from './targets';
import { indicatorValuesTable } from './indicator-values';
import { villageIndexTable } from './village-index';
import type { SampleTable } from './table';

export const DEFAULT_SEED = 20230206; // the first day of baseline fieldwork

/** The tables in contract order. */
export const SAMPLE_TABLES = [
	'households',
	'people',
	'trainings',
	'enterprises',
	'loans',
	'health_services',
	'infrastructure',
	'meetings',
	'budget',
	'targets',
	'indicator_values',
	'village_index'
] as const;
export type SampleTableName = (typeof SAMPLE_TABLES)[number];

export interface Sample {
	seed: number;
	tables: Record<SampleTableName, SampleTable>;
}

export function generateSample(seed: number = DEFAULT_SEED): Sample {
	const root = new Rng(seed);
	const panel = buildPanel(root.fork('roster'));
	const households = householdsTable(root.fork('households:rows'), panel, simulateHouseholds(root.fork('households'), panel));
	const people = peopleTable(root.fork('people'), panel);
	const trainings = trainingsTable(root.fork('trainings'), panel);
	const enterprises = enterprisesTable(root.fork('enterprises'));
	const loans = loansTable(root.fork('loans'), enterprises.enterprises);
	const health = healthServicesTable(root.fork('health_services'), panel);
	const infrastructure = infrastructureTable(root.fork('infrastructure'));
	const meetings = meetingsTable(root.fork('meetings'));
	const budget = budgetTable(root.fork('budget'), infrastructure.outcomes);
	const targets = targetsTable();
	const indicatorValues = indicatorValuesTable(health.table.rows);
	const villageIndex = villageIndexTable(root.fork('village_index'));
	return {
		seed,
		tables: {
			households,
			people,
			trainings,
			enterprises: enterprises.table,
			loans,
			health_services: health.table,
			infrastructure: infrastructure.table,
			meetings,
			budget,
			targets,
			indicator_values: indicatorValues,
			village_index: villageIndex
		}
	};
}
