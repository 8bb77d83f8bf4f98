import { listOperation } from '../../../common/list';
import { pagesAt } from '../../api';
import { hoodQuery } from '../shared/query';
import { PATH } from './fields';

export const { description, execute } = listOperation({
	resource: 'profileList',
	noun: 'profile list',
	plural: 'profile lists',
	query: hoodQuery({
		plural: 'profile lists',
		searchFields: ['name'],
		sortFields: ['name', 'description', 'color', 'create_time', 'update_time'],
		filterFields: ['id', 'name', 'color', 'create_time', 'update_time'],
		rangeFields: ['id', 'create_time', 'update_time'],
	}),
	fetch: pagesAt(PATH),
});
