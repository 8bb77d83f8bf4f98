import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { validateInput } from '../../../common/validation';
import { LABELS, projectSchema } from '../../schemas';
import { managementRequest } from '../../transport';
import { additionalFieldsCollection, collectionOf, showFor, textField } from '../shared/describe';

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
	const body = validateInput(
		this.getNode(),
		projectSchema,
		{ name: this.getNodeParameter('name', itemIndex, ''), ...extra },
		itemIndex,
		LABELS,
	) as IDataObject;
	return await managementRequest<IDataObject>(this, {
		method: 'POST',
		path: '/projects',
		scope: 'organization',
		body,
		itemIndex,
	});
}
