import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { Change, ChangeType, EmittedKeys } from '../common/polling';
import {
	forgetExpired,
	maxEventsPerPollField,
	noTestEvent,
	pollCollection,
	pollOutput,
	pollState,
	readEvents,
	readMaxEventsPerPoll,
	streamName,
} from '../common/polling';
import { toList, wholeNumber } from '../common/validation';
import { MODEL_AND_TAG_FILTERS } from './actions/customization/fields';
import * as loadOptions from './methods/loadOptions';
import { fetchCustomizations } from './transport';

const DAY_MS = 24 * 60 * 60 * 1000;
const CHANGE_EVENTS: Record<string, ChangeType> = {
	customizationCreated: 'created',
	customizationUpdated: 'updated',
	customizationDeleted: 'deleted',
};
const EVENT_OF: Record<ChangeType, string> = {
	created: 'customizationCreated',
	updated: 'customizationUpdated',
	deleted: 'customizationDeleted',
};

/** A pin whose end (active_to) falls within the window, with its customization. */
function expiringPins(customizations: IDataObject[], now: number, days: number): IDataObject[] {
	return customizations.flatMap((customization) =>
		((customization.pin_definitions as IDataObject[] | undefined) ?? []).flatMap((pin, index) => {
			const end = Date.parse(String(pin.active_to ?? ''));
			if (!Number.isFinite(end) || end < now || end > now + days * DAY_MS) return [];
			return [
				{
					event: 'pinsExpiring',
					customizationId: customization.id,
					model: customization.model,
					target_type: customization.target_type,
					target_identity: customization.target_identity,
					tags: customization.tags,
					pinIndex: index,
					pin,
					expiresAt: pin.active_to,
					daysLeft: Math.floor((end - now) / DAY_MS),
				},
			];
		}),
	);
}

const pinKey = (event: IDataObject) =>
	[event.customizationId, event.pinIndex, JSON.stringify((event.pin as IDataObject) ?? {})].join(
		'|',
	);

function changeEvent(change: Change): IDataObject {
	return {
		event: EVENT_OF[change.type],
		customizationId: change.id,
		customization: change.object,
		...(change.changes ? { changes: change.changes } : {}),
	};
}

export class LuigisBoxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: "Luigi's Box Trigger",
		name: 'luigisBoxTrigger',
		icon: { light: 'file:../../icons/luigisbox.svg', dark: 'file:../../icons/luigisbox.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			"Starts the workflow when Luigi's Box customizations change or pins near their end",
		defaults: { name: "Luigi's Box Trigger" },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'luigisBoxApi', required: true }],
		properties: [
			{
				displayName:
					"Luigi's Box has no webhooks for customizations: each poll reads all customizations (one request per 500) and compares them with the last poll. 10,000 customizations cost 20 requests per poll.",
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['customizationCreated'],
				options: [
					{
						name: 'Customization Created',
						value: 'customizationCreated',
						description: 'A customization appeared since the last poll',
					},
					{
						name: 'Customization Deleted',
						value: 'customizationDeleted',
						description: 'A customization was removed since the last poll',
					},
					{
						name: 'Customization Updated',
						value: 'customizationUpdated',
						description: 'A customization changed; the item says which fields, old and new',
					},
					{
						name: 'Pins Expiring',
						value: 'pinsExpiring',
						description:
							'A pin ends (its Schedule: Active To) within the next days; once per pin and end date',
					},
				],
			},
			{
				displayName: 'Within Days',
				name: 'expiringWithinDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 7,
				displayOptions: { show: { events: ['pinsExpiring'] } },
				description: 'Pins whose Schedule: Active To falls within this many days from the poll',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: MODEL_AND_TAG_FILTERS,
			},
			maxEventsPerPollField,
		],
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const events = readEvents(this, [...Object.keys(CHANGE_EVENTS), 'pinsExpiring']);
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const qs = {
			model: toList(filters.models),
			tag: toList(filters.tags),
			sort: ['created_at:asc'],
		};
		const cap = readMaxEventsPerPoll(this);
		const days = events.includes('pinsExpiring')
			? wholeNumber(node, this.getNodeParameter('expiringWithinDays', 7), 'Within Days', 0)
			: 0;
		const wanted = events.filter((event) => event in CHANGE_EVENTS).map((e) => CHANGE_EVENTS[e]);
		const now = Date.now();
		const readAll = async () =>
			await fetchCustomizations(this, { qs }, { returnAll: true, limit: 0 });

		if (this.getMode() === 'manual') {
			const customizations = await readAll();
			const samples: IDataObject[] = [
				...(wanted.length && customizations.length
					? [
							changeEvent({
								type: wanted[0],
								id: String(customizations[customizations.length - 1].id),
								object: customizations[customizations.length - 1],
							}),
						]
					: []),
				...(days ? expiringPins(customizations, now, days).slice(0, cap) : []),
			];
			if (!samples.length)
				throw noTestEvent(
					this,
					'customization or expiring pin',
					"No customization matches the filters (or no pin ends within the days set). Create one in Luigi's Box, or widen the filters, then fetch again.",
				);
			return pollOutput(this, samples);
		}

		let customizations: IDataObject[] | undefined;
		const readOnce = async () => (customizations ??= await readAll());
		const emitted: IDataObject[] = [];
		if (wanted.length) {
			const changes = await pollCollection(this, {
				stream: streamName('customizations', filters),
				tracked: {
					idOf: (object) => String(object.id),
					// Computed on every read from the pins' dates: not a change anyone made.
					ignore: ['available'],
					timeOf: (object, type) =>
						String((type === 'created' ? object.created_at : object.updated_at) ?? ''),
				},
				readAll: readOnce,
				wanted,
				cap,
			});
			emitted.push(...changes.map(changeEvent));
		}
		if (days) {
			const { state, save } = pollState<EmittedKeys>(this, streamName('expiringPins', filters));
			const seen = forgetExpired(state ?? {}, now);
			const due = expiringPins(await readOnce(), now, days).filter((pin) => !(pinKey(pin) in seen));
			const sent = due.slice(0, Math.max(0, cap - emitted.length));
			// Remembered until the pin has ended, so each pin and end date fires once.
			for (const pin of sent) seen[pinKey(pin)] = Date.parse(String(pin.expiresAt)) + DAY_MS;
			save(seen);
			emitted.push(...sent);
		}
		return pollOutput(this, emitted);
	}
}
