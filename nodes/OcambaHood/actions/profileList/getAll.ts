import { listOperation } from '../shared/list';
import { PATH } from './fields';

export const { description, execute } = listOperation(
	{
		resource: 'profileList',
		noun: 'profile lists',
		searchFields: ['name'],
		sortFields: ['name', 'description', 'color', 'create_time', 'update_time'],
		filterFields: ['id', 'name', 'color', 'create_time', 'update_time'],
		rangeFields: ['id', 'create_time', 'update_time'],
	},
	PATH,
);
