import { collectionOf, showFor, textField } from '../shared/describe';
import { listOperation } from '../shared/list';

/** GET /projects (undocumented): the organization's projects, optionally those of one stack. */
export const { description, execute } = listOperation({
	resource: 'project',
	noun: 'projects',
	path: '/projects',
	scope: 'organization',
	after: [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			displayOptions: { show: showFor('project', 'getAll') },
			default: {},
			options: [
				textField(
					'connectedStackApiKey',
					'Connected Stack API Key',
					'Only the projects connected to this CMS stack',
				),
			],
		},
	],
	query: (context, itemIndex) => {
		const { connectedStackApiKey } = collectionOf(context, 'filters', itemIndex);
		return connectedStackApiKey ? { connectedStackApiKey } : undefined;
	},
});
