import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readReturnAllOrLimit, returnAllOrLimit } from '../../../common/descriptions';
import { wholeNumber } from '../../../common/validation';
import { fetchImportReport, readImportId, REPORT_PAGE_SIZE } from './importReport';

const show = { resource: ['profile'], operation: ['getImportReport'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Import ID',
		name: 'importId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 70823f7d-b3ed-4eda-9720-09eaec0a7deb',
		displayOptions: { show },
		description:
			'The ID of an import, as Update Custom Properties outputs it. Unconfirmed: Ocamba documents the report by import ID but shows no body for the 202 answer of /profiles/import; the node reads the ID from that answer.',
	},
	...returnAllOrLimit(show),
	{
		displayName: 'Options',
		name: 'reportOptions',
		type: 'collection',
		placeholder: 'Add option',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: REPORT_PAGE_SIZE,
				description:
					'How many rows are fetched per request (page=N,M). Ocamba does not publish a maximum.',
			},
		],
	},
];

/** One output item per report row: profile_id, code (SUCCESS when applied), event and update times. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const importId = readImportId(this, this.getNodeParameter('importId', itemIndex, ''), itemIndex);
	const { returnAll, limit } = readReturnAllOrLimit(this, itemIndex);
	const options = this.getNodeParameter('reportOptions', itemIndex, {}) as { pageSize?: unknown };
	const pageSize = wholeNumber(
		this.getNode(),
		options.pageSize ?? REPORT_PAGE_SIZE,
		'Page Size',
		itemIndex,
	);
	return await fetchImportReport(this, importId, { returnAll, limit, pageSize }, itemIndex);
}
