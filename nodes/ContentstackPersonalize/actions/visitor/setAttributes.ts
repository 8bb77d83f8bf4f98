import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseJsonParameter, refuseUnsafeKeys, validateInput } from '../../../common/validation';
import { attributesSchema, LABELS } from '../../schemas';
import { personalizeRequest } from '../../transport';
import { userUidField } from './fields';
import { fieldsOrJsonSelector, showFor } from '../../../common/descriptions';

const show = showFor('visitor', 'setAttributes');

export const description: INodeProperties[] = [
	userUidField(['setAttributes'], true, 'The visitor whose attributes are set'),
	fieldsOrJsonSelector('Define Attributes', 'attributesInput', show),
	{
		displayName: 'Attributes',
		name: 'attributes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show: { ...show, attributesInput: ['fields'] } },
		default: {},
		placeholder: 'Add Attribute',
		options: [
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					{
						displayName: 'Key',
						name: 'key',
						type: 'string',
						default: '',
						description: "The attribute's key (not its UID)",
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Boolean', value: 'boolean' },
							{ name: 'Number', value: 'number' },
							{ name: 'String', value: 'string' },
						],
						default: 'string',
						description:
							'Number conditions in audiences compare numbers, so send numbers as numbers',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Attributes (JSON)',
		name: 'attributesJson',
		type: 'json',
		displayOptions: { show: { ...show, attributesInput: ['json'] } },
		default: '{\n  "loyalty_tier": "gold",\n  "orders": 3\n}',
		description: 'Attribute key → value (text, number, true/false)',
	},
];

function typed(type: unknown, value: unknown): unknown {
	const text = String(value ?? '').trim();
	if (type === 'number') return text !== '' && Number.isFinite(Number(text)) ? Number(text) : value;
	if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : value;
	return value;
}

/** PATCH /user-attributes (Edge API): sets the given attributes, keeps the others. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	let attributes: unknown;
	if (this.getNodeParameter('attributesInput', itemIndex, 'fields') === 'json') {
		attributes = parseJsonParameter(
			node,
			this.getNodeParameter('attributesJson', itemIndex, ''),
			'Attributes (JSON)',
			itemIndex,
		);
	} else {
		const entries =
			(this.getNodeParameter('attributes.attribute', itemIndex, []) as IDataObject[]) ?? [];
		// Keys typed in (or given by an expression) become keys of the body: __proto__ and the like are refused.
		attributes = refuseUnsafeKeys(
			node,
			Object.fromEntries(
				entries.map((entry) => [String(entry.key ?? '').trim(), typed(entry.type, entry.value)]),
			),
			'Attributes',
			itemIndex,
		);
	}
	const checked = validateInput(
		node,
		attributesSchema,
		{ userUid: this.getNodeParameter('userUid', itemIndex, ''), attributes },
		itemIndex,
		LABELS,
	);
	await personalizeRequest(this, {
		method: 'PATCH',
		path: '/user-attributes',
		edge: true,
		headers: { 'x-cs-personalize-user-uid': checked.userUid },
		body: checked.attributes as IDataObject,
		idempotent: true, // setting values: repeating it changes nothing
		itemIndex,
	});
	return { success: true, userUid: checked.userUid, attributes: checked.attributes as IDataObject };
}
