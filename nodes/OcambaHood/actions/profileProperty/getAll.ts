import { listOperation } from '../../../common/list';
import { pagesAt } from '../../api';
import { hoodQuery } from '../shared/query';
import { PATH } from './fields';

export const { description, execute } = listOperation({
	resource: 'profileProperty',
	noun: 'profile property',
	plural: 'profile properties',
	query: hoodQuery({
		plural: 'profile properties',
		searchFields: ['target', 'label', 'description'],
		sortFields: ['data_type', 'pi_data', 'importable', 'exportable', 'create_time', 'update_time'],
		filterFields: [
			'id',
			'target',
			'label',
			'data_type',
			'example',
			'pi_data',
			'system',
			'importable',
			'exportable',
			'create_time',
			'update_time',
		],
		rangeFields: [
			'id',
			'pi_data',
			'system',
			'importable',
			'exportable',
			'create_time',
			'update_time',
		],
	}),
	fetch: pagesAt(PATH),
});
