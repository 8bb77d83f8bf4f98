import { listOperation } from '../../../common/list';
import { wholeList } from '../shared/api';
import { geolocationQuery } from './geolocation';

export const { description, execute } = listOperation({
	resource: 'geolocation',
	operation: 'getRegions',
	noun: 'region',
	plural: 'regions',
	query: geolocationQuery,
	fetch: wholeList('/geolocation/regions', 'none'),
});
