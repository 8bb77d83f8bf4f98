import type { Operation } from '../../../common/router';
import { resourceProperties } from '../../../common/descriptions';
import * as getSummary from './getSummary';
import * as getTimeSeries from './getTimeSeries';

/**
 * Operation value → implementation. A new operation is its own file, a line here and an entry in the
 * Operation options below.
 */
export const operations: Record<string, Operation> = { getSummary, getTimeSeries };

export const description = resourceProperties(
	'analytics',
	operations,
	[
		{
			name: 'Get Summary',
			value: 'getSummary',
			description:
				'Impressions and conversions per variant and the leading variant; no item while there is no data',
			action: 'Get an experience analytics summary',
		},
		{
			name: 'Get Time Series',
			value: 'getTimeSeries',
			description: 'Impressions and conversions over time; no item while there is no data',
			action: 'Get experience analytics over time',
		},
	],
	'getSummary',
);
