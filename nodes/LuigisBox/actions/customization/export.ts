import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateInput } from '../../../common/validation';
import { trimmedOrUndefined as nonEmpty } from '../../../common/values';
import { luigisBoxRequest } from '../../transport';
import { exportFiltersField, exportOptionsField } from './fields';
import { exportQuerySchema } from './query';

export const description: INodeProperties[] = [exportFiltersField, exportOptionsField];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('exportFilters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('exportOptions', itemIndex, {}) as IDataObject;
	const query = validateInput(
		this.getNode(),
		exportQuerySchema,
		{
			model: nonEmpty(filters.model),
			tag: nonEmpty(filters.tag),
			target_type: nonEmpty(filters.targetType),
			target_identity: nonEmpty(filters.targetIdentity),
		},
		itemIndex,
		{ model: 'Model', tag: 'Tag', target_type: 'Target Type', target_identity: 'Target Identity' },
	);
	const qs: IDataObject = { ...query };
	if (options.removeExpiredPins) qs.remove_expired_pins = true;
	if (options.removeNonexistingItemPins) qs.remove_nonexisting_item_pins = true;
	const response = await luigisBoxRequest<{ results?: IDataObject[] }>(this, {
		method: 'POST',
		path: 'scopes/export',
		qs,
		idempotent: true, // an export only reads
		itemIndex,
	});
	// One output item per customization, so a backup or sync can work on them one by one.
	return response.results ?? [];
}
