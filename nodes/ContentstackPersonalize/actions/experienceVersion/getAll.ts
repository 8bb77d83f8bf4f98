import { listOperation } from '../../../common/list';
import { wholeList } from '../shared/api';
import { STATUS_OPTIONS } from './fields';
import { experienceField, readExperience, versionsPath } from './versions';

/** GET /experiences/{uid}/versions: every version of one experience (there is no GET of one). */
export const { description, execute } = listOperation({
	resource: 'experienceVersion',
	noun: 'version',
	plural: 'versions',
	before: [experienceField('getAll')],
	query: {
		describe: (show) => [
			{
				displayName: 'Status',
				name: 'versionStatus',
				type: 'options',
				displayOptions: { show },
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Archived', value: 'ARCHIVED' },
					...STATUS_OPTIONS.map(({ name, value }) => ({ name, value })),
				],
				default: 'any',
			},
		],
		read: (context, itemIndex) => {
			const status = context.getNodeParameter('versionStatus', itemIndex, 'any');
			return { qs: {}, keep: (entry) => status === 'any' || entry.status === status };
		},
	},
	fetch: wholeList((context, itemIndex) => versionsPath(readExperience(context, itemIndex))),
});
