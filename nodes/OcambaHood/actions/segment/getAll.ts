import { listOperation } from '../../../common/list';
import { pagesAt } from '../../api';
import { hoodQuery } from '../shared/query';
import { PATH } from './fields';

export const { description, execute } = listOperation({
	resource: 'segment',
	noun: 'segment',
	plural: 'segments',
	query: hoodQuery({
		plural: 'segments',
		searchFields: ['name'],
		sortFields: ['name', 'status', 'create_time'],
		filterFields: ['id', 'name', 'status', 'create_time', 'update_time'],
		rangeFields: ['id', 'create_time', 'update_time'],
		// The segment list answers CSV unless JSON is asked for.
		fixed: () => ({ out: 'json' }),
	}),
	fetch: pagesAt(PATH),
});
