import { collectionOf, textField } from '../../../common/descriptions';
import { listOperation } from '../../../common/list';
import { wholeList } from '../shared/api';

/** GET /projects (undocumented): the organization's projects, optionally those of one stack. */
export const { description, execute } = listOperation({
	resource: 'project',
	noun: 'project',
	plural: 'projects',
	query: {
		describe: (show) => [
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				displayOptions: { show },
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
		read: (context, itemIndex) => {
			const { connectedStackApiKey } = collectionOf(context, 'filters', itemIndex);
			return { qs: connectedStackApiKey ? { connectedStackApiKey } : {} };
		},
	},
	fetch: wholeList('/projects', 'organization'),
});
