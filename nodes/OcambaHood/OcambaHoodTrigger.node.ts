import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { z } from 'zod';

import { asNodeError } from '../common/errors';
import type { Change } from '../common/polling';
import {
	maxEventsPerPollField,
	noTestEvent,
	pollCollection,
	pollOutput,
	pollState,
	readEvents,
	readMaxEventsPerPoll,
	streamName,
} from '../common/polling';
import { invalidInput, toList, validateInput } from '../common/validation';
import { fetchAll, fetchPages, MAX_PAGE_SIZE } from './api';
import {
	importIdSchema,
	REPORT_PAGE_SIZE,
	REPORT_PATH,
	SUCCESS_CODE,
} from './actions/profile/importReport';
import { readFilters } from './actions/shared/filters';
import type { Envelope } from './transport';
import { hoodRequest } from './transport';

const PROFILE_CREATED = 'profileCreated';
const PROFILE_UNSUBSCRIBED = 'profileUnsubscribed';
const CAMPAIGN_STATUS_CHANGED = 'campaignStatusChanged';
const IMPORT_FINISHED = 'profileImportFinished';
const ALL_EVENTS = [
	CAMPAIGN_STATUS_CHANGED,
	PROFILE_CREATED,
	IMPORT_FINISHED,
	PROFILE_UNSUBSCRIBED,
];

/**
 * The status of an unsubscribed profile. Unconfirmed: Ocamba's profile answers show `status` ("1"
 * for a new profile) but document neither its values nor the profile list (GET /profiles).
 */
const UNSUBSCRIBED_STATUS = 'unsubscribed';
/** Query parameters the trigger sets on the profile list itself. */
const TRIGGER_PROFILE_FIELDS = ['create_time', 'status'];

/** Where profileCreated stands: the newest creation time emitted, and the IDs emitted at it. */
interface CreatedCursor {
	time: string;
	ids: string[];
}
/** Every unsubscribed profile known (as of the baseline, and each emitted since). */
interface UnsubscribedState {
	ids: string[];
}
/** The watched imports whose report was already seen complete. */
interface ImportsState {
	finished: string[];
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
const idOf = (object: IDataObject) => text(object.id);

/** The first page of a list, in the order asked for (for the baseline and Fetch Test Event). */
async function firstPage(
	context: IPollFunctions,
	path: string,
	qs: IDataObject,
	size: number,
): Promise<IDataObject[]> {
	const body = await hoodRequest<Envelope>(context, {
		method: 'GET',
		path,
		qs: { ...qs, page: `1,${size}` },
	});
	return Array.isArray(body?.items) ? body.items : [];
}

/** The Profile Filters lines (field=operator:value), checked before anything is sent. */
function readProfileFilters(context: IPollFunctions): IDataObject {
	const node = context.getNode();
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const query = { qs: {} as IDataObject, sources: {} as Record<string, string> };
	readFilters(node, {}, [], filters.profileFilters, query, 0, 'Filters › Profile Filters');
	for (const field of TRIGGER_PROFILE_FIELDS)
		if (query.qs[field] !== undefined)
			throw invalidInput(
				node,
				'Filters › Profile Filters',
				0,
				`"${field}" is set by the trigger itself; remove it from the filters`,
			);
	return query.qs;
}

function readImportIds(context: IPollFunctions): string[] {
	const raw = context.getNodeParameter('importIds', '');
	const ids = toList(Array.isArray(raw) ? raw : String(raw ?? '').replace(/\s+/g, ','));
	const checked = ids.map(
		(id) =>
			validateInput(context.getNode(), z.object({ id: importIdSchema }), { id }, 0, {
				id: 'Import IDs',
			}).id,
	);
	return checked.filter((id, index) => checked.indexOf(id) === index);
}

const profileEvent = (event: string, profile: IDataObject): IDataObject => ({
	event,
	profileId: idOf(profile),
	profile,
});

function campaignEvent(campaign: IDataObject, previousStatus: unknown): IDataObject {
	return {
		event: CAMPAIGN_STATUS_CHANGED,
		campaignId: idOf(campaign),
		campaign,
		previousStatus: previousStatus ?? null,
		status: campaign.status ?? null,
		changes: { status: { old: previousStatus ?? null, new: campaign.status ?? null } },
	};
}

function importEvent(importId: string, rows: IDataObject[]): IDataObject {
	const succeeded = rows.filter((row) => row.code === SUCCESS_CODE).length;
	return {
		event: IMPORT_FINISHED,
		importId,
		profiles: rows.length,
		succeeded,
		failed: rows.length - succeeded,
		finishedAt:
			rows
				.map((row) => text(row.update_time))
				.sort()
				.pop() || null,
		report: rows,
	};
}

/** Every row of an import's report; an import Ocamba does not know is named in the error. */
async function readReport(context: IPollFunctions, importId: string): Promise<IDataObject[]> {
	try {
		return await fetchPages(
			context,
			REPORT_PATH(importId),
			{},
			{ returnAll: true, limit: 0, pageSize: REPORT_PAGE_SIZE },
		);
	} catch (error) {
		if (String((error as { httpCode?: unknown }).httpCode) !== '404')
			throw asNodeError(context.getNode(), error);
		throw invalidInput(
			context.getNode(),
			'Import IDs',
			0,
			`Ocamba Hood has no import ${importId} (404); remove it from the list`,
		);
	}
}

/** A poll's outcome for one event type: its events, and how to record them once all succeeded. */
interface StreamResult {
	events: IDataObject[];
	commit: () => void;
}

/**
 * New profiles by a time cursor: `create_time=gte:<time>` sorted by create_time, skipping the IDs
 * already emitted at that time. Unchanged, it is one request however many profiles exist.
 */
async function pollCreated(
	context: IPollFunctions,
	filters: IDataObject,
	cap: number,
): Promise<StreamResult> {
	const { state, save } = pollState<CreatedCursor>(context, streamName('profilesCreated', filters));
	if (state && cap === 0) return { events: [], commit: () => undefined };
	if (!state) {
		const [newest] = await firstPage(context, '/profiles', { ...filters, sort: '-create_time' }, 1);
		const time = text(newest?.create_time);
		// Every profile of the newest second (a bulk import can create thousands in one).
		const ids = time
			? (
					await fetchAll(context, '/profiles', {
						...filters,
						create_time: `gte:${time}`,
						sort: 'create_time',
					})
				)
					.filter((profile) => text(profile.create_time) === time)
					.map(idOf)
			: [];
		return { events: [], commit: () => save({ time, ids }) };
	}
	const seen = new Set(state.ids);
	const qs: IDataObject = { ...filters, sort: 'create_time' };
	if (state.time) qs.create_time = `gte:${state.time}`;
	// Those seen at the cursor's time come first: reading as many more as the cap is enough.
	const profiles = await fetchPages(context, '/profiles', qs, {
		returnAll: false,
		limit: cap + seen.size,
		pageSize: MAX_PAGE_SIZE,
	});
	const fresh = profiles.filter((profile) => {
		const time = text(profile.create_time);
		return time > state.time || (time === state.time && !seen.has(idOf(profile)));
	});
	const emitted = fresh.slice(0, cap);
	if (!emitted.length) return { events: [], commit: () => undefined };
	const last = text(emitted[emitted.length - 1].create_time);
	const atLast = emitted.filter((profile) => text(profile.create_time) === last).map(idOf);
	const cursor = { time: last, ids: last === state.time ? [...state.ids, ...atLast] : atLast };
	return {
		events: emitted.map((profile) => profileEvent(PROFILE_CREATED, profile)),
		commit: () => save(cursor),
	};
}

/**
 * Unsubscribes: the unsubscribed profiles (`status=unsubscribed`, one request per 500) compared
 * with those known. Ocamba documents no unsubscribe time to filter on.
 */
async function pollUnsubscribed(
	context: IPollFunctions,
	filters: IDataObject,
	cap: number,
): Promise<StreamResult> {
	const { state, save } = pollState<UnsubscribedState>(
		context,
		streamName('profilesUnsubscribed', filters),
	);
	if (state && cap === 0) return { events: [], commit: () => undefined };
	const unsubscribed = await fetchAll(context, '/profiles', {
		...filters,
		status: UNSUBSCRIBED_STATUS,
		sort: 'update_time',
	});
	if (!state) return { events: [], commit: () => save({ ids: unsubscribed.map(idOf) }) };
	const known = new Set(state.ids);
	const emitted = unsubscribed.filter((profile) => !known.has(idOf(profile))).slice(0, cap);
	if (!emitted.length) return { events: [], commit: () => undefined };
	// Known IDs are kept even when a page shifted one out of this read: it is never emitted twice.
	const ids = [...state.ids, ...emitted.map(idOf)];
	return {
		events: emitted.map((profile) => profileEvent(PROFILE_UNSUBSCRIBED, profile)),
		commit: () => save({ ids }),
	};
}

/** Each watched import not yet finished: its report read once per poll (one request while empty). */
async function pollImports(
	context: IPollFunctions,
	importIds: string[],
	cap: number,
): Promise<StreamResult> {
	const { state, save } = pollState<ImportsState>(context, 'imports');
	const done = new Set((state?.finished ?? []).filter((id) => importIds.includes(id)));
	const events: IDataObject[] = [];
	for (const importId of importIds) {
		if (done.has(importId) || (state && events.length >= cap)) continue;
		const rows = await readReport(context, importId);
		// Unconfirmed: Ocamba does not say whether a report fills at once; its first rows count.
		if (!rows.length) continue;
		done.add(importId);
		if (state) events.push(importEvent(importId, rows));
	}
	return { events, commit: () => save({ finished: [...done] }) };
}

/** Campaign statuses: the campaign list (one request per 500) compared with a snapshot of statuses. */
async function pollCampaigns(context: IPollFunctions, cap: number): Promise<IDataObject[]> {
	const campaigns = new Map<string, IDataObject>();
	const changes: Change[] = await pollCollection(context, {
		stream: 'campaignStatuses',
		tracked: {
			idOf: (object) => text(object.id),
			timeOf: (object) => text(campaigns.get(text(object.id))?.update_time) || undefined,
		},
		readAll: async () => {
			// view=full: the documented list example shows no status in the default view.
			const all = await fetchAll(context, '/campaigns', { sort: 'create_time', view: 'full' });
			for (const campaign of all) campaigns.set(idOf(campaign), campaign);
			// Only the status is compared: other edits are not this event.
			return all.map((campaign) => ({ id: idOf(campaign), status: campaign.status ?? null }));
		},
		wanted: ['updated'],
		cap,
	});
	return changes.map((change) =>
		campaignEvent(campaigns.get(change.id) ?? change.object, change.changes?.status?.old),
	);
}

/** Fetch Test Event: the most recent object of each chosen event type. */
async function testEvents(
	context: IPollFunctions,
	events: string[],
	filters: IDataObject,
	importIds: string[],
): Promise<IDataObject[]> {
	const samples: IDataObject[] = [];
	if (events.includes(PROFILE_CREATED)) {
		const [newest] = await firstPage(context, '/profiles', { ...filters, sort: '-create_time' }, 1);
		if (newest) samples.push(profileEvent(PROFILE_CREATED, newest));
	}
	if (events.includes(PROFILE_UNSUBSCRIBED)) {
		const [latest] = await firstPage(
			context,
			'/profiles',
			{ ...filters, status: UNSUBSCRIBED_STATUS, sort: '-update_time' },
			1,
		);
		if (latest) samples.push(profileEvent(PROFILE_UNSUBSCRIBED, latest));
	}
	if (events.includes(CAMPAIGN_STATUS_CHANGED)) {
		const [latest] = await firstPage(
			context,
			'/campaigns',
			{ sort: '-update_time', view: 'full' },
			1,
		);
		if (latest) samples.push(campaignEvent(latest, undefined));
	}
	if (events.includes(IMPORT_FINISHED))
		for (const importId of [...importIds].reverse()) {
			const rows = await readReport(context, importId);
			if (rows.length) {
				samples.push(importEvent(importId, rows));
				break;
			}
		}
	return samples;
}

export class OcambaHoodTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ocamba Hood Trigger',
		name: 'ocambaHoodTrigger',
		icon: {
			light: 'file:../../icons/ocamba-hood.svg',
			dark: 'file:../../icons/ocamba-hood.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when Ocamba Hood profiles are created or unsubscribe, a campaign changes status, or a profile import finishes',
		defaults: { name: 'Ocamba Hood Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ocambaHoodApi', required: true }],
		properties: [
			{
				displayName:
					'Ocamba Hood has no webhooks: each poll reads what changed. Profile Created: 1 request (profiles created since the last one seen, by create_time). Profile Unsubscribed: 1 request per 500 unsubscribed profiles (Ocamba documents no unsubscribe time, so all unsubscribed profiles are read and compared). Campaign Status Changed: 1 request per 500 campaigns. Profile Import Finished: 1 request per watched import not yet finished. Unconfirmed: Ocamba documents no profile list (GET /profiles) nor the status of an unsubscribed profile; the trigger filters on status=unsubscribed.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [PROFILE_CREATED],
				options: [
					{
						name: 'Campaign Status Changed',
						value: CAMPAIGN_STATUS_CHANGED,
						description:
							"A campaign's status changed (e.g. running to paused); the item has the old and new status",
					},
					{
						name: 'Profile Created',
						value: PROFILE_CREATED,
						description: 'A profile was created since the last poll',
					},
					{
						name: 'Profile Import Finished',
						value: IMPORT_FINISHED,
						description:
							'The report of a watched import (Import IDs below) has its rows; once per import',
					},
					{
						name: 'Profile Unsubscribed',
						value: PROFILE_UNSUBSCRIBED,
						description: 'A profile was unsubscribed since the last poll',
					},
				],
			},
			{
				displayName: 'Import IDs',
				name: 'importIds',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 70823f7d-b3ed-4eda-9720-09eaec0a7deb',
				displayOptions: { show: { events: [IMPORT_FINISHED] } },
				description:
					'The imports to watch, comma-separated, as Update Custom Properties outputs them (import_id). Ocamba documents no list of imports, so the trigger reads the report of each import given here until it has rows.',
			},
			{
				displayName:
					"Ocamba documents no list of imports, and a trigger cannot see other workflows' data: set the IDs here, e.g. with an expression on an n8n variable your import workflow keeps up to date. Unconfirmed: whether an import's report fills at once; the trigger fires when it first has rows.",
				name: 'importNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { events: [IMPORT_FINISHED] } },
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						displayName: 'Profile Filters',
						name: 'profileFilters',
						type: 'string',
						typeOptions: { rows: 3 },
						default: '',
						placeholder: 'e.g. country_code=in:DE,AT',
						description:
							"Only profiles that match, in Ocamba's filter syntax, one per line: field=operator:value. Applies to Profile Created and Profile Unsubscribed; changing them starts a new baseline.",
					},
				],
			},
			maxEventsPerPollField,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const events = readEvents(this, ALL_EVENTS);
		const cap = readMaxEventsPerPoll(this);
		const filters = readProfileFilters(this);
		const importIds = events.includes(IMPORT_FINISHED) ? readImportIds(this) : [];
		if (events.includes(IMPORT_FINISHED) && !importIds.length)
			throw invalidInput(node, 'Import IDs', 0, 'name at least one import to watch');

		if (this.getMode() === 'manual') {
			const samples = await testEvents(this, events, filters, importIds);
			if (!samples.length)
				throw noTestEvent(
					this,
					'matching profile, campaign or finished import',
					'No profile matches the events and filters chosen (no unsubscribed profile, for Profile Unsubscribed), there is no campaign, or no watched import has a report yet. Create one in Ocamba Hood, then fetch again.',
				);
			return pollOutput(this, samples);
		}

		// Each event type's state is written only once every read of this poll has succeeded.
		const emitted: IDataObject[] = [];
		const commits: Array<() => void> = [];
		const left = () => Math.max(0, cap - emitted.length);
		const record = ({ events: found, commit }: StreamResult) => {
			emitted.push(...found);
			commits.push(commit);
		};
		if (events.includes(PROFILE_CREATED)) record(await pollCreated(this, filters, left()));
		if (events.includes(PROFILE_UNSUBSCRIBED))
			record(await pollUnsubscribed(this, filters, left()));
		if (events.includes(IMPORT_FINISHED)) record(await pollImports(this, importIds, left()));
		// Last: the shared engine saves its snapshot itself once its read succeeded.
		if (events.includes(CAMPAIGN_STATUS_CHANGED))
			emitted.push(...(await pollCampaigns(this, left())));
		for (const commit of commits) commit();
		return pollOutput(this, emitted);
	}
}
