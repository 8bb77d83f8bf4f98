import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { runInBatches } from '../../../common/execution';
import {
	invalidInput,
	parseJsonParameter,
	validateInput,
	wholeNumber,
} from '../../../common/validation';
import { LABELS, trackSchema } from '../../schemas';
import { asNodeError } from '../../../common/errors';
import { personalizeRequest } from '../../transport';
import { userUidField } from './fields';
import { fieldsOrJsonSelector, showFor } from '../../../common/descriptions';

const show = showFor('visitor', 'trackEvents');
const DEFAULT_BATCH_SIZE = 100;

export const description: INodeProperties[] = [
	userUidField(['trackEvents'], true, 'The visitor the impressions and events belong to'),
	fieldsOrJsonSelector('Define Events', 'eventsInput', show),
	{
		displayName: 'Impressions',
		name: 'impressions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show: { ...show, eventsInput: ['fields'] } },
		default: {},
		placeholder: 'Add Impression',
		description: 'The visitor saw a variant (analytics count impressions per variant)',
		options: [
			{
				displayName: 'Impression',
				name: 'impression',
				values: [
					{
						displayName: 'Experience Short UID',
						name: 'experienceShortUid',
						type: 'string',
						default: '',
						description: "The experience's shortUid, e.g. 0",
					},
					{
						displayName: 'Variant Short UID',
						name: 'variantShortUid',
						type: 'string',
						default: '',
						description: "The variant's shortUid, e.g. 1",
					},
				],
			},
		],
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show: { ...show, eventsInput: ['fields'] } },
		default: {},
		placeholder: 'Add Event',
		description: 'The visitor did something an A/B test counts as a conversion',
		options: [
			{
				displayName: 'Event',
				name: 'event',
				values: [
					{
						displayName: 'Event Key',
						name: 'eventKey',
						type: 'string',
						default: '',
						description: "The event's key (not its UID)",
					},
				],
			},
		],
	},
	{
		displayName: 'Events (JSON)',
		name: 'eventsJson',
		type: 'json',
		displayOptions: { show: { ...show, eventsInput: ['json'] } },
		default:
			'[\n  { "type": "IMPRESSION", "experienceShortUid": "0", "variantShortUid": "1" },\n  { "type": "EVENT", "eventKey": "purchase" }\n]',
		description:
			'The list the Edge API takes: IMPRESSION with experienceShortUid and variantShortUid, EVENT with eventKey',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_BATCH_SIZE,
				description:
					"Most events per request. Items of the same visitor are sent together (the API takes one visitor per request); an item's events are never split. The Edge API documents no maximum.",
			},
		],
	},
];

interface Payload {
	itemIndex: number;
	userUid: string;
	events: IDataObject[];
}

function readEvents(context: IExecuteFunctions, itemIndex: number): unknown {
	if (context.getNodeParameter('eventsInput', itemIndex, 'fields') === 'json') {
		const events = parseJsonParameter(
			context.getNode(),
			context.getNodeParameter('eventsJson', itemIndex, ''),
			'Events (JSON)',
			itemIndex,
		);
		if (events !== undefined && !Array.isArray(events))
			throw invalidInput(context.getNode(), 'Events (JSON)', itemIndex, 'must be a JSON list');
		return events ?? [];
	}
	const impressions =
		(context.getNodeParameter('impressions.impression', itemIndex, []) as IDataObject[]) ?? [];
	const events = (context.getNodeParameter('events.event', itemIndex, []) as IDataObject[]) ?? [];
	return [
		...impressions.map((entry) => ({
			type: 'IMPRESSION',
			experienceShortUid: String(entry.experienceShortUid ?? ''),
			variantShortUid: String(entry.variantShortUid ?? ''),
		})),
		...events.map((entry) => ({ type: 'EVENT', eventKey: String(entry.eventKey ?? '') })),
	];
}

/** Consecutive requests: one visitor each, up to `batchSize` events, never splitting an item. */
function plan(payloads: Payload[], batchSize: number): number[][] {
	const byUser = new Map<string, number[]>();
	payloads.forEach((payload, position) =>
		byUser.set(payload.userUid, [...(byUser.get(payload.userUid) ?? []), position]),
	);
	const requests: number[][] = [];
	for (const positions of byUser.values()) {
		let current: number[] = [];
		let size = 0;
		for (const position of positions) {
			const count = payloads[position].events.length;
			if (current.length && size + count > batchSize) {
				requests.push(current);
				current = [];
				size = 0;
			}
			current.push(position);
			size += count;
		}
		if (current.length) requests.push(current);
	}
	return requests;
}

/**
 * POST /events (Edge API) takes a list of impressions and events of one visitor, so the items of
 * a run are grouped per visitor into few requests. Every input item still yields one output item,
 * paired: its result, its own validation error, or the error of the request that carried it.
 */
export async function executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	// One value for the run (read from the first item), checked before anything is sent: 0, a
	// negative or a fractional size would otherwise be quietly replaced.
	const given = (this.getNodeParameter('options', 0, {}) as IDataObject).batchSize;
	let batchSize: number;
	try {
		batchSize =
			given === undefined
				? DEFAULT_BATCH_SIZE
				: wholeNumber(this.getNode(), given, 'Batch Size', 0);
	} catch (error) {
		if (!this.continueOnFail()) throw asNodeError(this.getNode(), error);
		// Nothing can be sent; each item still gets its own error item.
		const message = (error as Error).message;
		return this.getInputData().map((_, itemIndex) => ({
			json: { error: message },
			pairedItem: { item: itemIndex },
		}));
	}
	return await runInBatches<Payload>(this, {
		batchSize: Number.MAX_SAFE_INTEGER, // grouping happens in send(), per visitor
		prepare: (itemIndex) => {
			const checked = validateInput(
				this.getNode(),
				trackSchema,
				{
					userUid: this.getNodeParameter('userUid', itemIndex, ''),
					events: readEvents(this, itemIndex),
				},
				itemIndex,
				LABELS,
			);
			return { itemIndex, userUid: checked.userUid, events: checked.events as IDataObject[] };
		},
		send: async (payloads) => {
			const results: IDataObject[] = new Array(payloads.length);
			let requestNumber = 0;
			for (const positions of plan(payloads, batchSize)) {
				requestNumber++;
				const { userUid } = payloads[positions[0]];
				const events = positions.flatMap((position) => payloads[position].events);
				try {
					await personalizeRequest(this, {
						method: 'POST',
						path: '/events',
						edge: true,
						headers: { 'x-cs-personalize-user-uid': userUid },
						body: events,
						itemIndex: payloads[positions[0]].itemIndex,
					});
				} catch (error) {
					if (!this.continueOnFail()) throw asNodeError(this.getNode(), error);
					const { message, description: detail } = error as {
						message: string;
						description?: string;
					};
					for (const position of positions)
						results[position] = { error: message, ...(detail ? { description: detail } : {}) };
					continue;
				}
				for (const position of positions)
					results[position] = {
						success: true,
						userUid,
						tracked: payloads[position].events.length,
						request: requestNumber,
						requestEvents: events.length,
					};
			}
			return results;
		},
	});
}
