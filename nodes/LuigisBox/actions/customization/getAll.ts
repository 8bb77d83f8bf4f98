import type { IDataObject } from 'n8n-workflow';

import { listOperation } from '../../../common/list';
import { collectOffsetPages } from '../../../common/pagination';
import { luigisBoxRequest } from '../../transport';
import { listFilters, PAGE_SIZE } from './fields';
import { readQuery } from './query';

export const { description, execute } = listOperation({
	resource: 'customization',
	noun: 'customization',
	plural: 'customizations',
	query: { describe: listFilters, read: readQuery },
	fetch: async (context, itemIndex, query, { returnAll, limit }) =>
		await collectOffsetPages(
			async (offset, pageLimit) => {
				const page = await luigisBoxRequest<{
					pagination?: { total?: number };
					results?: IDataObject[];
				}>(context, {
					method: 'POST',
					path: 'scopes',
					qs: { ...query.qs, limit: pageLimit, offset },
					body: query.body,
					idempotent: true, // a search: repeating it changes nothing
					itemIndex,
				});
				return { items: page.results ?? [], total: page.pagination?.total };
			},
			{ returnAll, limit, pageSize: query.pageSize ?? PAGE_SIZE },
		),
});
