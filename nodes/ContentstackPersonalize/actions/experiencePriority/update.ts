import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toList, validateInput } from '../../../common/validation';
import { LABELS, priorityOrderSchema } from '../../schemas';
import { asNodeError, hasErrorCode } from '../../../common/errors';
import { managementRequest } from '../../transport';
import { allExperiences, currentOrder } from './order';

const show = { resource: ['experiencePriority'], operation: ['update'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Define Order',
		name: 'orderInput',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Pick Experiences', value: 'list' },
			{
				name: 'List of UIDs',
				value: 'uids',
				description: 'Comma-separated UIDs, or a list from an expression',
			},
		],
		default: 'list',
	},
	{
		displayName: 'Priority Order',
		name: 'priorityOrder',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { ...show, orderInput: ['list'] } },
		default: {},
		placeholder: 'Add Experience',
		description:
			'Every experience of the project, highest priority first: when several touch the same content, the highest wins',
		options: [
			{
				displayName: 'Experience',
				name: 'experience',
				values: [
					{
						displayName: 'Experience Name or ID',
						name: 'uid',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getExperiences' },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
				],
			},
		],
	},
	{
		displayName: 'Experience UIDs',
		name: 'experienceUids',
		type: 'string',
		displayOptions: { show: { ...show, orderInput: ['uids'] } },
		default: '',
		placeholder: '65a1b2c3d4e5f60718293a4b, 65a1b2c3d4e5f60718293a4c',
		description: 'Every experience of the project, highest priority first',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Append Unlisted Experiences',
				name: 'appendMissing',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the experiences not named above after them, in their current priority order (new experiences last). The API refuses a list that misses any (MISSING_EXPERIENCES).',
			},
		],
	},
];

function readOrder(context: IExecuteFunctions, itemIndex: number): string[] {
	if (context.getNodeParameter('orderInput', itemIndex, 'list') === 'uids')
		return toList(context.getNodeParameter('experienceUids', itemIndex, ''));
	const entries =
		(context.getNodeParameter('priorityOrder.experience', itemIndex, []) as IDataObject[]) ?? [];
	return entries.map((entry) => String(entry.uid ?? '').trim());
}

/**
 * PUT /experiences-priority with the full order. The API refuses a list that misses an experience
 * (400 MISSING_EXPERIENCES); the error then names the missing ones.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	let order = validateInput(
		node,
		priorityOrderSchema,
		{ priorityOrder: readOrder(this, itemIndex) },
		itemIndex,
		LABELS,
	).priorityOrder;
	if (options.appendMissing) {
		const listed = new Set(order.map((uid) => uid.toLowerCase()));
		order = [
			...order,
			...(await currentOrder(this, itemIndex)).filter((uid) => !listed.has(uid.toLowerCase())),
		];
	}
	try {
		// priorityOrder is the only body field evidenced; the former "Body Field" option is gone and
		// a stored value of it is ignored.
		await managementRequest(this, {
			method: 'PUT',
			path: '/experiences-priority',
			body: { priorityOrder: order },
			itemIndex,
		});
	} catch (error) {
		if (!hasErrorCode(error, 'MISSING_EXPERIENCES')) throw asNodeError(node, error);
		const listed = new Set(order.map((uid) => uid.toLowerCase()));
		const missing = (await allExperiences(this, itemIndex)).filter(
			(entry) => !listed.has(String(entry.uid).toLowerCase()),
		);
		throw new NodeOperationError(
			node,
			`The priority order must list every experience of the project; missing: ${missing.map((entry) => `${String(entry.uid)} (${String(entry.name)})`).join(', ') || 'see the API answer'}`,
			{
				itemIndex,
				description:
					'Contentstack answered MISSING_EXPERIENCES. Add the missing experiences where they belong, or turn on Options → Append Unlisted Experiences.',
			},
		);
	}
	return { priorityOrder: order };
}
