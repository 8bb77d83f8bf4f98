import { listOperation } from '../shared/list';
import { STATUS_OPTIONS } from './fields';
import { experienceField, readExperience, versionsPath } from './versions';

/** GET /experiences/{uid}/versions: every version of one experience (there is no GET of one). */
export const { description, execute } = listOperation({
	resource: 'experienceVersion',
	noun: 'versions',
	path: (context, itemIndex) => versionsPath(readExperience(context, itemIndex)),
	before: [experienceField('getAll')],
	after: [
		{
			displayName: 'Status',
			name: 'versionStatus',
			type: 'options',
			displayOptions: { show: { resource: ['experienceVersion'], operation: ['getAll'] } },
			options: [
				{ name: 'Any', value: 'any' },
				{ name: 'Archived', value: 'ARCHIVED' },
				...STATUS_OPTIONS.map(({ name, value }) => ({ name, value })),
			],
			default: 'any',
		},
	],
	filter: (context, itemIndex) => {
		const status = context.getNodeParameter('versionStatus', itemIndex, 'any');
		return (entry) => status === 'any' || entry.status === status;
	},
});
