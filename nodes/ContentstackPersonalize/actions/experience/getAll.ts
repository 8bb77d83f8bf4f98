import { collectionOf, filtersCollection } from '../../../common/descriptions';
import { listOperation } from '../../../common/list';
import { wholeList } from '../shared/api';
import { EXPERIENCE_TYPE_OPTIONS, SIMPLIFIED } from './resource';

/** GET /experiences: the project's experiences, highest priority first, optionally filtered. */
export const { description, execute } = listOperation({
	resource: 'experience',
	noun: 'experience',
	plural: 'experiences',
	simplify: SIMPLIFIED,
	query: {
		describe: (show) => [
			filtersCollection(show, [
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
			]),
		],
		read: (context, itemIndex) => {
			const { status, type } = collectionOf(context, 'filters', itemIndex);
			return {
				qs: {},
				keep: (entry) =>
					(status === undefined || entry.status === status) &&
					(type === undefined || entry.__type === type),
			};
		},
	},
	fetch: wholeList('/experiences'),
});
