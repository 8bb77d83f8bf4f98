import type { IExecuteFunctions } from 'n8n-workflow';

import { analyticsFields, readAnalytics } from './analytics';

export const description = analyticsFields('getTimeSeries');

/** The same figures over time (the path is spelled time-series). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await readAnalytics(this, itemIndex, 'time-series', 'TIME_SERIES_ANALYTICS_NOT_FOUND');
}
