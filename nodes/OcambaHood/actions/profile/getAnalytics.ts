import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput, toList } from '../../../common/validation';
import { readId } from '../shared/ids';
import { executeList, listDescription } from '../shared/list';
import type { ListSpec } from '../shared/list';
import { toHoodTime } from '../shared/time';
import { PATH, profileIdField } from './fields';

const spec: ListSpec = {
	resource: 'profile',
	operation: 'getAnalytics',
	noun: 'events',
	sortFields: ['event_date', 'event_time'],
	filterFields: ['event', 'page_url', 'event_time'],
	rangeFields: ['event_time'],
	search: false,
	view: false,
};

export const description: INodeProperties[] = [
	profileIdField(['getAnalytics']),
	{
		displayName: 'Event Filters',
		name: 'eventFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: { resource: ['profile'], operation: ['getAnalytics'] } },
		default: {},
		description: 'Without From or To, Ocamba Hood returns the events of the last 7 days',
		options: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'string',
				default: '',
				placeholder: 'page_view, purchase',
				description: 'Comma-separated event names to include',
			},
			{
				displayName: 'From',
				name: 'from',
				type: 'dateTime',
				default: '',
				description: "Events at or after this time (in the workflow's time zone)",
			},
			{
				displayName: 'Page URL',
				name: 'pageUrl',
				type: 'string',
				default: '',
				description: 'Only events on this page',
			},
			{
				displayName: 'To',
				name: 'to',
				type: 'dateTime',
				default: '',
				description: "Events at or before this time (in the workflow's time zone)",
			},
		],
	},
	...listDescription(spec),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const id = readId(this, itemIndex, 'profileId', 'Profile ID');
	const filters = this.getNodeParameter('eventFilters', itemIndex, {}) as IDataObject;
	const timeZone = this.getTimezone();
	const query: IDataObject = {};
	const events = toList(filters.events);
	if (events.length) query.event = `in:${events.join(',')}`;
	if (filters.pageUrl) query.page_url = `eq:${String(filters.pageUrl)}`;
	const from = filters.from
		? toHoodTime(node, filters.from, timeZone, 'From', itemIndex)
		: undefined;
	const to = filters.to ? toHoodTime(node, filters.to, timeZone, 'To', itemIndex) : undefined;
	if (from && to && to < from) throw invalidInput(node, 'To', itemIndex, 'must not be before From');
	if (from && to) query.event_time = `rf:${from},${to}`;
	else if (from) query.event_time = `gte:${from}`;
	else if (to) query.event_time = `lte:${to}`;
	return await executeList(this, itemIndex, `${PATH}/${id}/analytics`, query, spec);
}
