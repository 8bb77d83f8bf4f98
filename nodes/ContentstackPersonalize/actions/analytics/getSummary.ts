import { analyticsOperation } from './analytics';

/** Impressions and conversions per variant, probability to be best, the leading variant. */
export const { description, execute } = analyticsOperation(
	'getSummary',
	'summary',
	'SUMMARY_NOT_FOUND',
);
