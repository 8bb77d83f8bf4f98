import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import type { ListQuery } from '../../../common/list';
import { readPageSize, readSortRules } from '../../../common/list';
import { parseJsonParameter, toList, validateInput } from '../../../common/validation';
import { TARGET_TYPES } from '../../schemas';
import { PAGE_SIZE, SORT } from './fields';

const checks = z.object({
	target_type: z.array(
		z.enum(TARGET_TYPES, {
			errorMap: () => ({ message: `must be one of: ${TARGET_TYPES.join(', ')}` }),
		}),
	),
	criteria: z
		.array(z.record(z.unknown()), { invalid_type_error: 'must be a JSON list of objects' })
		.optional(),
});

/** Filters go as repeated query keys, criteria in the POST body, sort as field:direction. */
export function readQuery(context: IExecuteFunctions, itemIndex: number): ListQuery {
	const node = context.getNode();
	const chosen = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const criteria = parseJsonParameter(node, options.criteria, 'Criteria', itemIndex);
	const checked = validateInput(
		node,
		checks,
		{
			target_type: toList(chosen.targetTypes),
			criteria: Array.isArray(criteria) && criteria.length === 0 ? undefined : criteria,
		},
		itemIndex,
		{ target_type: 'Target Types', criteria: 'Criteria' },
	);
	const sort = readSortRules(node, options.sort, SORT, itemIndex);
	return {
		qs: {
			model: toList(chosen.models),
			tag: toList(chosen.tags),
			target_type: checked.target_type,
			target_identity: toList(chosen.targetIdentities),
			sort: sort.map(({ field, direction }) => `${field}:${direction}`),
		},
		body: checked.criteria ? { criteria: checked.criteria as IDataObject[] } : undefined,
		pageSize: readPageSize(node, options, PAGE_SIZE, itemIndex),
	};
}

export const exportQuerySchema = z
	.object({
		model: z.string().optional(),
		tag: z.string().optional(),
		target_type: z
			.enum(TARGET_TYPES, {
				errorMap: () => ({ message: `must be one of: ${TARGET_TYPES.join(', ')}` }),
			})
			.optional(),
		target_identity: z.string().optional(),
	})
	.superRefine((query, context) => {
		if (query.target_identity && query.target_type !== 'item')
			context.addIssue({
				code: 'custom',
				path: ['target_identity'],
				message: 'needs the Target Type filter set to "item"',
			});
	});
