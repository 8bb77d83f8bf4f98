import type { Operation } from '../../../common/router';
import { listOperation } from '../shared/list';
import { queryParametersField, readQueryParameters } from '../shared/query';

/**
 * GET /geolocation/<what> (MaxMind GeoLite2 data, for audience rules on COUNTRY, REGION and CITY).
 * Not project-scoped. The docs say these take a search query and filters but the parameter names
 * could not be read, so they are given as free query parameters.
 */
export function geolocationOperation(
	operation: string,
	what: 'countries' | 'regions' | 'cities',
): Operation {
	const show = { resource: ['geolocation'], operation: [operation] };
	return listOperation({
		resource: 'geolocation',
		operation,
		noun: what,
		path: `/geolocation/${what}`,
		scope: 'none',
		after: [
			queryParametersField(
				show,
				"The search text and filters, e.g. a country to search its regions. Their names are not in the public docs: check the API's /openapi. Sent as given.",
			),
		],
		query: readQueryParameters,
	});
}
