import { listOperation } from '../../../common/list';
import { wholeList } from '../shared/api';
import { geolocationQuery } from './geolocation';

export const { description, execute } = listOperation({
	resource: 'geolocation',
	operation: 'getCountries',
	noun: 'country',
	plural: 'countries',
	query: geolocationQuery,
	fetch: wholeList('/geolocation/countries', 'none'),
});
