import type { Operation } from '../../../common/router';
import { resourceProperties } from '../../../common/descriptions';
import * as getCities from './getCities';
import * as getCountries from './getCountries';
import * as getRegions from './getRegions';

/**
 * Operation value → implementation. A new operation is its own file, a line here and an entry in the
 * Operation options below.
 */
export const operations: Record<string, Operation> = { getCities, getCountries, getRegions };

export const description = resourceProperties(
	'geolocation',
	operations,
	[
		{
			name: 'Get Cities',
			value: 'getCities',
			description: 'Search cities for location rules',
			action: 'Get cities',
		},
		{
			name: 'Get Countries',
			value: 'getCountries',
			description: 'Search countries for location rules',
			action: 'Get countries',
		},
		{
			name: 'Get Regions',
			value: 'getRegions',
			description: 'Search regions (states, provinces) for location rules',
			action: 'Get regions',
		},
	],
	'getCountries',
);
