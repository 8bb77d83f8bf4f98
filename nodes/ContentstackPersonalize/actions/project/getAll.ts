import { collectionOf, filtersCollection, textField } from '../../../common/descriptions';
import { listOperation } from '../../../common/list';
import { wholeList } from '../shared/api';

/** GET /projects (undocumented): the organization's projects, optionally those of one stack. */
export const { description, execute } = listOperation({
	resource: 'project',
	noun: 'project',
	plural: 'projects',
	query: {
		describe: (show) => [
			filtersCollection(show, [
				textField(
					'connectedStackApiKey',
					'Connected Stack API Key',
					'Only the projects connected to this CMS stack',
				),
			]),
		],
		read: (context, itemIndex) => {
			const { connectedStackApiKey } = collectionOf(context, 'filters', itemIndex);
			return { qs: connectedStackApiKey ? { connectedStackApiKey } : {} };
		},
	},
	fetch: wholeList('/projects', 'organization'),
});
