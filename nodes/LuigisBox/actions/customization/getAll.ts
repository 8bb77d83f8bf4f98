import { listOperation } from '../../../common/list';
import { fetchCustomizations } from '../../transport';
import { listFilters } from './fields';
import { readQuery } from './query';

export const { description, execute } = listOperation({
	resource: 'customization',
	noun: 'customization',
	plural: 'customizations',
	query: { describe: listFilters, read: readQuery },
	fetch: async (context, itemIndex, query, limits) =>
		await fetchCustomizations(
			context,
			{ qs: query.qs, body: query.body, itemIndex },
			{ ...limits, pageSize: query.pageSize },
		),
});
