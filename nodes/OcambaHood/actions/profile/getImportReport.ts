import type { INodeProperties } from 'n8n-workflow';

import { collectionOf, optionsCollection, showFor } from '../../../common/descriptions';
import { listOperation, pageSizeOption, readPageSize } from '../../../common/list';
import { fetchImportReport, readImportId, REPORT_PAGE_SIZE } from './importReport';

const before: INodeProperties[] = [
	{
		displayName: 'Import ID',
		name: 'importId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 70823f7d-b3ed-4eda-9720-09eaec0a7deb',
		displayOptions: { show: showFor('profile', 'getImportReport') },
		description:
			'The ID of an import, as Update Custom Properties outputs it. Unconfirmed: Ocamba documents the report by import ID but shows no answer body for the import; the node reads the ID from that answer.',
	},
];

/** One output item per report row: profile_id, code (SUCCESS when applied), event and update times. */
export const { description, execute } = listOperation({
	resource: 'profile',
	operation: 'getImportReport',
	noun: 'row',
	plural: 'rows',
	before,
	query: {
		describe: (show) => [
			optionsCollection(
				show,
				[pageSizeOption('Ocamba', 'rows', REPORT_PAGE_SIZE, 'page=N,M')],
				'reportOptions',
			),
		],
		read: (context, itemIndex) => ({
			qs: {},
			pageSize: readPageSize(
				context.getNode(),
				collectionOf(context, 'reportOptions', itemIndex),
				REPORT_PAGE_SIZE,
				itemIndex,
			),
		}),
	},
	fetch: async (context, itemIndex, query, limits) =>
		await fetchImportReport(
			context,
			readImportId(context, context.getNodeParameter('importId', itemIndex, ''), itemIndex),
			{ ...limits, pageSize: query.pageSize ?? REPORT_PAGE_SIZE },
			itemIndex,
		),
});
