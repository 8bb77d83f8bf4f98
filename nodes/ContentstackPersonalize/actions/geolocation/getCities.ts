import { listOperation } from '../../../common/list';
import { wholeList } from '../shared/api';
import { geolocationQuery } from './geolocation';

export const { description, execute } = listOperation({
	resource: 'geolocation',
	operation: 'getCities',
	noun: 'city',
	plural: 'cities',
	query: geolocationQuery,
	fetch: wholeList('/geolocation/cities', 'none'),
});
