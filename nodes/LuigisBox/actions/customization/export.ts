import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../common/validation';
import { TARGET_TYPES } from '../../schemas';
import { luigisBoxRequest } from '../../transport';
import { trimmedOrUndefined as nonEmpty } from '../../../common/values';

const show = { resource: ['customization'], operation: ['export'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'exportFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Model Name or ID',
				name: 'model',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getModels' },
				default: '',
				description:
					'Only customizations of this recommender model. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Tag Name or ID',
				name: 'tag',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTags' },
				default: '',
				description:
					'Only customizations with this tag. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Target Identity',
				name: 'targetIdentity',
				type: 'string',
				default: '',
				description: 'Only customizations targeting this item (needs Target Type "Item")',
			},
			{
				displayName: 'Target Type',
				name: 'targetType',
				type: 'options',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Criteria', value: 'criteria' },
					{ name: 'Item', value: 'item' },
				],
				default: 'item',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'exportOptions',
		type: 'collection',
		placeholder: 'Add option',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Remove Expired Pins',
				name: 'removeExpiredPins',
				type: 'boolean',
				default: false,
				description: 'Whether to leave out pins whose Active To date has passed',
			},
			{
				displayName: 'Remove Pins of Missing Items',
				name: 'removeNonexistingItemPins',
				type: 'boolean',
				default: false,
				description: 'Whether to leave out item pins whose item is no longer in the catalog',
			},
		],
	},
];

const exportQuerySchema = z
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
