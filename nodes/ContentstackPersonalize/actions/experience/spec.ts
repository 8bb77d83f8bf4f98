import type { IDataObject } from 'n8n-workflow';

import { toList } from '../../../common/validation';
import { experienceSchema } from '../../schemas';
import { crudOperations } from '../shared/crud';
import {
	additionalFieldsCollection,
	collectionOf,
	showFor,
	textField,
	updateFieldsCollection,
} from '../shared/describe';

export const EXPERIENCE_TYPE_OPTIONS = [
	{ name: 'A/B Test', value: 'AB_TEST', description: 'Variants split the traffic by percentage' },
	{ name: 'Segmented', value: 'SEGMENTED', description: 'Each variant is shown to its audiences' },
];

const NAME = textField('name', 'Name', 'Display name of the experience');
const DESCRIPTION = textField('description', 'Description', 'What the experience is for');
const TAGS = textField(
	'tags',
	'Tags',
	'Comma-separated tags; the Edge manifest can be limited to experiences with given tags',
	{
		placeholder: 'e.g. homepage, summer',
	},
);

/** Reads Tags (a comma-separated text or a list from an expression) into the API's string list. */
function withTags(fields: IDataObject): IDataObject {
	return fields.tags === undefined ? fields : { ...fields, tags: toList(fields.tags) };
}

/**
 * Experiences: POST/GET /experiences, GET/PUT/DELETE /experiences/{uid}. A create also creates an
 * empty DRAFT version (its UID is the answer's latestVersion); variants are set on versions.
 */
export const experience = crudOperations({
	resource: 'experience',
	path: '/experiences',
	noun: 'experience',
	plural: 'experiences',
	locator: 'experience',
	schema: experienceSchema,
	editable: ['name', 'description', '__type', 'tags'],
	getOne: true,
	fields: (operation) =>
		operation === 'create'
			? [
					{ ...NAME, required: true, displayOptions: { show: showFor('experience', 'create') } },
					{
						displayName: 'Type',
						name: 'experienceType',
						type: 'options',
						options: EXPERIENCE_TYPE_OPTIONS,
						default: 'SEGMENTED',
						displayOptions: { show: showFor('experience', 'create') },
						description: 'Fixed once created',
					},
					additionalFieldsCollection(showFor('experience', 'create'), [DESCRIPTION, TAGS]),
				]
			: [updateFieldsCollection(showFor('experience', 'update'), [NAME, DESCRIPTION, TAGS])],
	readCreate: (context, itemIndex) => {
		const extra = withTags(collectionOf(context, 'additionalFields', itemIndex));
		return {
			name: context.getNodeParameter('name', itemIndex, ''),
			__type: context.getNodeParameter('experienceType', itemIndex, 'SEGMENTED'),
			...extra,
		};
	},
	readUpdate: (context, itemIndex) => withTags(collectionOf(context, 'updateFields', itemIndex)),
	list: {
		simplify: [
			'uid',
			'name',
			'description',
			'__type',
			'status',
			'shortUid',
			'latestVersion',
			'tags',
			'updatedAt',
		],
		after: [
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				displayOptions: { show: showFor('experience', 'getAll') },
				default: {},
				options: [
					{
						displayName: 'Status',
						name: 'status',
						type: 'options',
						options: [
							{ name: 'Active', value: 'ACTIVE' },
							{ name: 'Draft', value: 'DRAFT' },
							{ name: 'Paused', value: 'PAUSED' },
						],
						default: 'ACTIVE',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: EXPERIENCE_TYPE_OPTIONS,
						default: 'AB_TEST',
					},
				],
			},
		],
		filter: (context, itemIndex) => {
			const { status, type } = collectionOf(context, 'filters', itemIndex);
			return (entry) =>
				(status === undefined || entry.status === status) &&
				(type === undefined || entry.__type === type);
		},
	},
});
