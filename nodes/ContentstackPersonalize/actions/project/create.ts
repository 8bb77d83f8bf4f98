import type { IExecuteFunctions } from 'n8n-workflow';

import {
	additionalFieldsCollection,
	collectionOf,
	showFor,
	textField,
} from '../../../common/descriptions';
import { createObject } from '../../../common/resource';
import { projectSchema } from '../../schemas';
import { project } from './resource';

const show = showFor('project', 'create');

export const description = [
	textField(
		'name',
		'Name',
		"Name of the new project; the organization's project names must be unique",
		{ required: true, displayOptions: { show } },
	),
	additionalFieldsCollection(show, [
		textField(
			'connectedStackApiKey',
			'Connected Stack API Key',
			'The API key of the CMS stack the project personalizes',
		),
		textField('description', 'Description', 'What the project is for'),
	]),
];

/** POST /projects (undocumented): { name, description, connectedStackApiKey }. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const extra = collectionOf(this, 'additionalFields', itemIndex);
	return await createObject(this, itemIndex, project, projectSchema, {
		name: this.getNodeParameter('name', itemIndex, ''),
		...extra,
	});
}
