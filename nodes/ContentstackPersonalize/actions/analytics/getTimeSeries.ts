import { analyticsOperation } from './analytics';

/** The same figures over time (the path is spelled time-series). */
export const { description, execute } = analyticsOperation(
	'getTimeSeries',
	'time-series',
	'TIME_SERIES_ANALYTICS_NOT_FOUND',
);
