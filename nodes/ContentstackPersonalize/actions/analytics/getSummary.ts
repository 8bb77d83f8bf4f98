import type { IExecuteFunctions } from 'n8n-workflow';

import { analyticsFields, readAnalytics } from './analytics';

export const description = analyticsFields('getSummary');

/** Impressions and conversions per variant, probability to be best, the leading variant. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await readAnalytics(this, itemIndex, 'summary', 'SUMMARY_NOT_FOUND');
}
