import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectionOf, showFor, updateFieldsCollection } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { updateObject } from '../../../common/resource';
import { invalidInput } from '../../../common/validation';
import { segmentUpdateSchema } from '../../schemas';
import { toApiFields } from '../shared/fields';
import { LOCATOR, RESOURCE, SEGMENT_FIELDS, statusField, targetingField } from './fields';
import { readTargetingRules, targetingRulesField } from './targeting';

const show = showFor('segment', 'update');

export const description: INodeProperties[] = [
	locatorField(LOCATOR, show),
	{
		...updateFieldsCollection(show, [
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			statusField,
			targetingField,
			{
				...targetingRulesField,
				description:
					'Who belongs to the segment: every rule must match. Replaces the whole targeting; for what the rules do not cover, use Targeting (JSON) instead.',
			},
		]),
		description:
			'Only the fields added here are sent; Targeting Rules or Targeting (JSON) replace the whole targeting',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocator(this, LOCATOR, itemIndex);
	const fields = collectionOf(this, 'updateFields', itemIndex);
	const { targetingRules, ...named } = fields;
	const changes = toApiFields(this, itemIndex, named, SEGMENT_FIELDS, { keepEmpty: true });
	if (targetingRules !== undefined) {
		if (named.targeting !== undefined)
			throw invalidInput(
				this.getNode(),
				'Targeting Rules',
				itemIndex,
				'use either Targeting Rules or Targeting (JSON), not both: each replaces the whole targeting',
			);
		const rules = ((targetingRules as IDataObject).rule as IDataObject[] | undefined) ?? [];
		if (!rules.length)
			throw invalidInput(this.getNode(), 'Targeting Rules', itemIndex, 'add at least one rule');
		changes.targeting = readTargetingRules(this, itemIndex, rules);
	}
	return await updateObject(this, itemIndex, RESOURCE, id, segmentUpdateSchema, changes);
}
