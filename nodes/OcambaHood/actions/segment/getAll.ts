import { listOperation } from '../shared/list';
import { PATH } from './fields';

export const { description, execute } = listOperation(
	{
		resource: 'segment',
		noun: 'segments',
		searchFields: ['name'],
		sortFields: ['name', 'status', 'create_time'],
		filterFields: ['id', 'name', 'status', 'create_time', 'update_time'],
		rangeFields: ['id', 'create_time', 'update_time'],
	},
	PATH,
	// The segment list answers CSV unless JSON is asked for.
	{ out: 'json' },
);
