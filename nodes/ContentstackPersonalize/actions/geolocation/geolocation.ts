import { freeQuery } from '../shared/query';

/**
 * GET /geolocation/<what> (MaxMind GeoLite2 data, for audience rules on COUNTRY, REGION and CITY).
 * Not project-scoped. The docs say these take a search query and filters but the parameter names
 * could not be read, so they are given as free query parameters.
 */
export const geolocationQuery = freeQuery(
	'The search text and filters by name and value, e.g. a country to search its regions',
);
