/**
 * The indicator engine: the catalogue, its SQL builders and the compute layer.
 * The UI imports from here; it never writes SQL itself.
 */
export { CATALOGUE, CATALOGUE_VERSION, indicatorByCode, dimensionsOf } from './catalogue';
export { computeIndicator, computeAll, computeBreakdown, computeTrend, supportsDimension } from './compute';
export { DEFAULT_SETTINGS, SETTING_LIMITS, parseSettings, SettingsError, type Settings, type SettingsRule, type AgeBand, type StatusThresholds } from './settings';
export {
	parsePeriod,
	isPeriod,
	periodsBetween,
	periodContaining,
	previousPeriod,
	nextPeriod,
	yearOf,
	PeriodError,
	type Period,
	type PeriodKind
} from './period';
export {
	wilsonInterval,
	progressToTarget,
	statusFromProgress,
	assessProgress,
	differenceInDifferences,
	weightedMedian,
	median,
	relativeDifference,
	valuesDisagree,
	type IndicatorStatus
} from './stats';
export { surveyRoundFor, baselineRound, loadSurveyRounds, type SurveyRound } from './rounds';
export { targetFor, reportedFor, loadTargets, loadReportedValues, baselineIsThisMeasurement } from './targets';
export { sqlForDisplay } from './fragment';
export type * from './types';
