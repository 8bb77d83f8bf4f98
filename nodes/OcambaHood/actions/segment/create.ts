import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { createObject } from '../../../common/resource';
import { invalidInput } from '../../../common/validation';
import { segmentCreateSchema } from '../../schemas';
import { nameField, toApiFields } from '../shared/fields';
import { RESOURCE, SEGMENT_FIELDS, statusField, targetingField } from './fields';
import { readTargetingRules, targetingRulesField } from './targeting';

const show = showFor('segment', 'create');

/**
 * "Define Targeting": the rule builder or JSON. Version 1 nodes (stored workflows) default to JSON,
 * which is all they had, so they send what they sent before; new nodes (version 2) default to the
 * builder.
 */
const targetingInputField = (
	version: Array<number | { _cnd: { gte: number } }>,
	fallback: 'fields' | 'json',
): INodeProperties => ({
	displayName: 'Define Targeting',
	name: 'targetingInput',
	type: 'options',
	options: [
		{ name: 'Using Fields Below', value: 'fields' },
		{ name: 'Using JSON', value: 'json' },
	],
	default: fallback,
	displayOptions: { show: { ...show, '@version': version } },
});

export const description: INodeProperties[] = [
	nameField(show),
	{ ...statusField, displayOptions: { show } },
	targetingInputField([1], 'json'),
	targetingInputField([{ _cnd: { gte: 2 } }], 'fields'),
	{ ...targetingRulesField, displayOptions: { show: { ...show, targetingInput: ['fields'] } } },
	{ ...targetingField, displayOptions: { show: { ...show, targetingInput: ['json'] } } },
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const fallback = this.getNode().typeVersion >= 2 ? 'fields' : 'json';
	const input = this.getNodeParameter('targetingInput', itemIndex, fallback) as string;
	if (input !== 'fields' && input !== 'json')
		throw invalidInput(
			this.getNode(),
			'Define Targeting',
			itemIndex,
			'must be Using Fields Below (fields) or Using JSON (json)',
		);
	const fields = {
		name: this.getNodeParameter('name', itemIndex, ''),
		status: this.getNodeParameter('status', itemIndex, 'active'),
		targeting: input === 'json' ? this.getNodeParameter('targeting', itemIndex, '') : '',
	};
	const body = toApiFields(this, itemIndex, fields, SEGMENT_FIELDS);
	if (input !== 'json') {
		const rules =
			((this.getNodeParameter('targetingRules', itemIndex, {}) as IDataObject).rule as
				| IDataObject[]
				| undefined) ?? [];
		const targeting = readTargetingRules(this, itemIndex, rules);
		if (Object.keys(targeting).length) body.targeting = targeting;
	}
	return await createObject(this, itemIndex, RESOURCE, segmentCreateSchema, body);
}
