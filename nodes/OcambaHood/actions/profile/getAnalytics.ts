import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectionOf, showFor } from '../../../common/descriptions';
import { listOperation } from '../../../common/list';
import { invalidInput, toList } from '../../../common/validation';
import { pagesAt } from '../../api';
import { hoodQuery } from '../shared/query';
import { toHoodTime } from '../shared/time';
import { PATH, profileIdField, readProfileId } from './fields';

const before: INodeProperties[] = [
	profileIdField(['getAnalytics']),
	{
		displayName: 'Event Filters',
		name: 'eventFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: showFor('profile', 'getAnalytics') },
		default: {},
		description: 'Without From or To, Ocamba Hood returns the events of the last 7 days',
		options: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'string',
				default: '',
				placeholder: 'e.g. page_view, purchase',
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
];

/** The Event Filters as query parameters; a filter below on the same field is refused. */
function eventQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = context.getNode();
	const filters = collectionOf(context, 'eventFilters', itemIndex);
	const timeZone = context.getTimezone();
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
	return query;
}

export const { description, execute } = listOperation({
	resource: 'profile',
	operation: 'getAnalytics',
	noun: 'event',
	plural: 'events',
	before,
	query: hoodQuery({
		plural: 'events',
		sortFields: ['event_date', 'event_time'],
		filterFields: ['event', 'page_url', 'event_time'],
		rangeFields: ['event_time'],
		search: false,
		view: false,
		fixed: eventQuery,
	}),
	fetch: pagesAt((context, itemIndex) => `${PATH}/${readProfileId(context, itemIndex)}/analytics`),
});
