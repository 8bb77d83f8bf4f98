import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { asNodeError, hasErrorCode } from '../common/errors';
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
} from '../common/polling';
import { invalidInput, wholeNumber } from '../common/validation';
import { authenticationField } from './actions/shared/authentication';
import { listAt, managementRequest } from './transport';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Personalize keeps analytics for 6 months: a leader is remembered as long after it was last seen. */
const KEEP_LEADERS_MS = 183 * DAY_MS;
/** Fetch Test Event reads the versions of at most this many recently changed experiences. */
const TEST_EVENT_EXPERIENCES = 5;

const EXPERIENCE_EVENTS: Record<string, ChangeType> = {
	experienceCreated: 'created',
	experienceUpdated: 'updated',
	experienceDeleted: 'deleted',
};
const EXPERIENCE_EVENT_OF: Record<ChangeType, string> = {
	created: 'experienceCreated',
	updated: 'experienceUpdated',
	deleted: 'experienceDeleted',
};
/** Version event → the status a version takes (a draft counts only when it is new). */
const VERSION_EVENTS: Record<string, string> = {
	versionActivated: 'ACTIVE',
	versionPaused: 'PAUSED',
	versionDraftCreated: 'DRAFT',
};
const LEADER_EVENT = 'abTestLeaderFound';
const ALL_EVENTS = [
	...Object.keys(EXPERIENCE_EVENTS),
	...Object.keys(VERSION_EVENTS),
	LEADER_EVENT,
];

/** What the trigger knows of one experience's versions: its list entry as seen, and each status. */
interface KnownVersions {
	seen: string;
	versions: Record<string, string>;
}
type VersionsState = Record<string, KnownVersions>;

interface LeadersState {
	/** `<experience>|<version>|<variant>` → until when it is remembered. */
	emitted: EmittedKeys;
	/** The active version of each live A/B test, with the list entry it was read for. */
	active: Record<string, { seen: string; version: string }>;
}

const uidOf = (object: IDataObject) => String(object.uid ?? '');
const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/**
 * What the experience list shows of its versions. A version change shows here (status,
 * latestVersion, updatedAt) except one: a draft activated while another version was live, which
 * leaves the experience ACTIVE with the same latest version. Hence the draft rule in mayHaveChanged.
 */
const listSignature = (experience: IDataObject) =>
	[experience.status, experience.latestVersion, experience.updatedAt].map(text).join('|');

function mayHaveChanged(experience: IDataObject, known: KnownVersions | undefined): boolean {
	if (!known || known.seen !== listSignature(experience)) return true;
	const latest = text(experience.latestVersion);
	return !(latest in known.versions) || known.versions[latest] === 'DRAFT';
}

const byUpdate = (a: IDataObject, b: IDataObject) =>
	text(a.updatedAt ?? a.createdAt).localeCompare(text(b.updatedAt ?? b.createdAt));

function experienceEvent(change: Change): IDataObject {
	return {
		event: EXPERIENCE_EVENT_OF[change.type],
		experienceUid: change.id,
		experience: change.object,
		...(change.changes ? { changes: change.changes } : {}),
	};
}

function versionEvent(
	experienceUid: string,
	version: IDataObject,
	previousStatus?: string,
): IDataObject | undefined {
	const status = text(version.status);
	const event = Object.keys(VERSION_EVENTS).find((name) => VERSION_EVENTS[name] === status);
	// A draft is an event only when it is new; an edited draft stays a draft.
	if (!event || (status === 'DRAFT' && previousStatus !== undefined)) return undefined;
	return {
		event,
		experienceUid,
		versionUid: uidOf(version),
		version,
		...(previousStatus !== undefined ? { previousStatus } : {}),
	};
}

/** A probability as a percentage: the answer may give 0–1 (the sandbox) or 0–100 (unconfirmed). */
function percentages(variants: IDataObject[]): number[] {
	const values = variants.map((variant) => Number(variant.probabilityToBeBest));
	const fractions = values.every((value) => !Number.isFinite(value) || value <= 1);
	return values.map((value) => (Number.isFinite(value) ? (fractions ? value * 100 : value) : 0));
}

interface LeaderRule {
	probability: number;
	minImpressions: number;
}

/** The summary's leader, if it is sure enough and every variant was seen enough. */
function leaderOf(
	experience: IDataObject,
	versionUid: string,
	summary: IDataObject,
	rule: LeaderRule,
): IDataObject | undefined {
	const variants = Array.isArray(summary.variants) ? (summary.variants as IDataObject[]) : [];
	if (variants.length < 2) return undefined;
	const probabilities = percentages(variants);
	const named = variants.findIndex(
		(variant) =>
			summary.leadingVariant !== undefined &&
			summary.leadingVariant !== null &&
			text(variant.shortUid) === text(summary.leadingVariant),
	);
	const index = named >= 0 ? named : probabilities.indexOf(Math.max(...probabilities));
	const leading = variants[index];
	if (probabilities[index] < rule.probability) return undefined;
	if (variants.some((variant) => !(Number(variant.impressions) >= rule.minImpressions)))
		return undefined;
	return {
		event: LEADER_EVENT,
		experienceUid: uidOf(experience),
		experienceName: experience.name,
		versionUid,
		leader: {
			variant: leading.shortUid,
			name: leading.name,
			probability: probabilities[index],
			impressions: leading.impressions,
			conversions: leading.conversions,
			conversionRate: leading.conversionRate,
		},
		variants,
	};
}

const leaderKey = (event: IDataObject) =>
	[event.experienceUid, event.versionUid, (event.leader as IDataObject).variant].join('|');

function readLeaderRule(context: IPollFunctions): LeaderRule {
	const node = context.getNode();
	const raw = context.getNodeParameter('leaderProbability', 95);
	const probability = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof probability !== 'number' || !(probability >= 1 && probability <= 100))
		throw invalidInput(
			node,
			'Leader Probability to Be Best (%)',
			0,
			`must be a number from 1 to 100 (got ${JSON.stringify(raw)})`,
		);
	const minImpressions = wholeNumber(
		node,
		context.getNodeParameter('minImpressionsPerVariant', 1000),
		'Min Impressions per Variant',
		0,
		{ min: 0 },
	);
	return { probability, minImpressions };
}

/** One poll's reads, each done at most once. */
class Reader {
	private versionReads = new Map<string, Promise<IDataObject[]>>();

	constructor(private context: IPollFunctions) {}

	async experiences(): Promise<IDataObject[]> {
		return await listAt(this.context, '/experiences');
	}

	async versions(experienceUid: string): Promise<IDataObject[]> {
		let read = this.versionReads.get(experienceUid);
		if (!read) {
			read = listAt(this.context, `/experiences/${experienceUid}/versions`);
			this.versionReads.set(experienceUid, read);
		}
		return await read;
	}

	/** The summary of a version, or undefined while it has no analytics yet. */
	async summary(experienceUid: string, versionUid: string): Promise<IDataObject | undefined> {
		try {
			return await managementRequest<IDataObject>(this.context, {
				method: 'GET',
				path: `/experiences/${experienceUid}/analytics/summary`,
				qs: { version: versionUid },
			});
		} catch (error) {
			if (hasErrorCode(error, 'SUMMARY_NOT_FOUND')) return undefined;
			throw asNodeError(this.context.getNode(), error);
		}
	}
}

const liveAbTests = (experiences: IDataObject[]) =>
	experiences.filter(
		(experience) => experience.__type === 'AB_TEST' && experience.status === 'ACTIVE',
	);

/**
 * The version events since the last poll, oldest first, at most `cap`. The first poll reads every
 * experience's versions as the baseline; later polls read only experiences that may have changed.
 */
async function pollVersions(
	context: IPollFunctions,
	reader: Reader,
	experiences: IDataObject[],
	wanted: string[],
	cap: number,
): Promise<IDataObject[]> {
	const { state, save } = pollState<VersionsState>(context, 'versions');
	const next: VersionsState = {};
	const pending: Array<{ event: IDataObject; at: string; uid: string }> = [];
	for (const experience of experiences) {
		const uid = uidOf(experience);
		const known = state?.[uid];
		if (state && !mayHaveChanged(experience, known)) {
			next[uid] = known as KnownVersions;
			continue;
		}
		const versions = (await reader.versions(uid)).sort(byUpdate);
		next[uid] = {
			seen: listSignature(experience),
			versions: Object.fromEntries(
				versions.map((version) => [uidOf(version), text(version.status)]),
			),
		};
		if (!state) continue;
		for (const version of versions) {
			const before = known?.versions[uidOf(version)];
			if (before === text(version.status)) continue;
			const event = versionEvent(uid, version, before);
			if (event && wanted.includes(String(event.event)))
				pending.push({ event, uid, at: text(version.updatedAt ?? version.createdAt) });
		}
	}
	pending.sort((a, b) => a.at.localeCompare(b.at));
	const emitted = pending.slice(0, cap);
	// What waits for a later poll keeps its old status, and its experience is read again then.
	for (const { event, uid } of pending.slice(cap)) {
		const entry = next[uid];
		const old = state?.[uid]?.versions[String(event.versionUid)];
		const versions = { ...entry.versions };
		if (old === undefined) delete versions[String(event.versionUid)];
		else versions[String(event.versionUid)] = old;
		next[uid] = { seen: '', versions };
	}
	save(next);
	return emitted.map(({ event }) => event);
}

/** The active version of each live A/B test, read only where the list shows it may have changed. */
async function activeVersions(
	reader: Reader,
	tests: IDataObject[],
	cached: LeadersState['active'],
): Promise<LeadersState['active']> {
	const active: LeadersState['active'] = {};
	for (const test of tests) {
		const uid = uidOf(test);
		const seen = listSignature(test);
		const known = cached[uid];
		// With no newer version than the live one, nothing can replace it unseen by the list.
		if (known && known.seen === seen && known.version === text(test.latestVersion)) {
			active[uid] = known;
			continue;
		}
		const live = (await reader.versions(uid)).find((version) => version.status === 'ACTIVE');
		if (live) active[uid] = { seen, version: uidOf(live) };
	}
	return active;
}

async function currentLeaders(
	reader: Reader,
	tests: IDataObject[],
	active: LeadersState['active'],
	rule: LeaderRule,
): Promise<IDataObject[]> {
	const leaders: IDataObject[] = [];
	for (const test of tests) {
		const version = active[uidOf(test)]?.version;
		if (!version) continue;
		const summary = await reader.summary(uidOf(test), version);
		const leader = summary && leaderOf(test, version, summary, rule);
		if (leader) leaders.push(leader);
	}
	return leaders;
}

export class ContentstackPersonalizeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Contentstack Personalize Trigger',
		name: 'contentstackPersonalizeTrigger',
		icon: {
			light: 'file:../../icons/contentstack-personalize.svg',
			dark: 'file:../../icons/contentstack-personalize.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when Contentstack Personalize experiences or versions change, or an A/B test has a leader',
		defaults: { name: 'Contentstack Personalize Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'contentstackPersonalizeApi',
				required: true,
				displayOptions: { show: { authentication: ['accessToken'] } },
			},
			{
				name: 'contentstackPersonalizeOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		properties: [
			{
				displayName:
					'Personalize has no webhooks: each poll reads the experience list (1 request) and compares it with the last poll. Version events add 1 request per experience whose list entry changed or that has a draft (the first poll reads every experience once). A/B Test Leader Found adds 1 request per live A/B test (its analytics summary).',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			authenticationField,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['experienceCreated'],
				options: [
					{
						name: 'A/B Test Leader Found',
						value: LEADER_EVENT,
						description:
							"A live A/B test's leading variant reached the probability to be best set below; once per version and leader",
					},
					{
						name: 'Experience Created',
						value: 'experienceCreated',
						description: 'An experience appeared since the last poll',
					},
					{
						name: 'Experience Deleted',
						value: 'experienceDeleted',
						description: 'An experience was removed since the last poll',
					},
					{
						name: 'Experience Updated',
						value: 'experienceUpdated',
						description:
							'An experience changed (also its status or latest version); the item says which fields, old and new',
					},
					{
						name: 'Version Activated',
						value: 'versionActivated',
						description: "A version's status changed to Active (or a version was created active)",
					},
					{
						name: 'Version Draft Created',
						value: 'versionDraftCreated',
						description: 'A new draft version appeared (a new experience comes with one)',
					},
					{
						name: 'Version Paused',
						value: 'versionPaused',
						description: "A version's status changed to Paused",
					},
				],
			},
			{
				displayName: 'Leader Probability to Be Best (%)',
				name: 'leaderProbability',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 95,
				displayOptions: { show: { events: [LEADER_EVENT] } },
				description:
					"The leading variant's probability to be best (from the test's analytics summary) must reach this",
			},
			{
				displayName: 'Min Impressions per Variant',
				name: 'minImpressionsPerVariant',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1000,
				displayOptions: { show: { events: [LEADER_EVENT] } },
				description: 'Every variant of the test must have at least this many impressions',
			},
			{
				displayName:
					'A leader already present when the workflow is activated is reported on the first poll',
				name: 'leaderNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { events: [LEADER_EVENT] } },
			},
			maxEventsPerPollField,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = readEvents(this, ALL_EVENTS);
		const cap = readMaxEventsPerPoll(this);
		const wantsLeaders = events.includes(LEADER_EVENT);
		const rule = wantsLeaders ? readLeaderRule(this) : undefined;
		const experienceChanges = events
			.filter((event) => event in EXPERIENCE_EVENTS)
			.map((event) => EXPERIENCE_EVENTS[event]);
		const versionEvents = events.filter((event) => event in VERSION_EVENTS);
		const reader = new Reader(this);
		const experiences = await reader.experiences();

		if (this.getMode() === 'manual') {
			const samples: IDataObject[] = [];
			const newest = [...experiences].sort(byUpdate).reverse();
			if (experienceChanges.length && newest.length)
				samples.push(
					experienceEvent({ type: experienceChanges[0], id: uidOf(newest[0]), object: newest[0] }),
				);
			if (versionEvents.length) {
				const candidates: Array<{ event: IDataObject; at: string }> = [];
				for (const experience of newest.slice(0, TEST_EVENT_EXPERIENCES))
					for (const version of await reader.versions(uidOf(experience))) {
						const event = versionEvent(uidOf(experience), version);
						if (event && versionEvents.includes(String(event.event)))
							candidates.push({ event, at: text(version.updatedAt ?? version.createdAt) });
					}
				candidates.sort((a, b) => b.at.localeCompare(a.at));
				if (candidates.length) samples.push(candidates[0].event);
			}
			if (rule) {
				const tests = liveAbTests(experiences);
				const active = await activeVersions(reader, tests, {});
				samples.push(...(await currentLeaders(reader, tests, active, rule)).slice(0, cap));
			}
			if (!samples.length)
				throw noTestEvent(
					this,
					'matching experience, version or A/B test leader',
					'No experience (or version) matches the events chosen, and no live A/B test has a leader that meets the probability and impressions set. Create or change one in Contentstack Personalize, then fetch again.',
				);
			return pollOutput(this, samples);
		}

		const emitted: IDataObject[] = [];
		if (experienceChanges.length) {
			const changes = await pollCollection(this, {
				stream: 'experiences',
				tracked: {
					idOf: uidOf,
					timeOf: (object, type) =>
						text(type === 'created' ? object.createdAt : object.updatedAt) || undefined,
				},
				readAll: async () => experiences,
				wanted: experienceChanges,
				cap,
			});
			emitted.push(...changes.map(experienceEvent));
		}
		if (versionEvents.length)
			emitted.push(
				...(await pollVersions(
					this,
					reader,
					experiences,
					versionEvents,
					Math.max(0, cap - emitted.length),
				)),
			);
		if (rule) {
			const { state, save } = pollState<LeadersState>(this, 'leaders');
			const now = Date.now();
			const tests = liveAbTests(experiences);
			const active = await activeVersions(reader, tests, state?.active ?? {});
			const leaders = await currentLeaders(reader, tests, active, rule);
			const seen = forgetExpired(state?.emitted ?? {}, now);
			const due = leaders.filter((leader) => !(leaderKey(leader) in seen));
			const sent = due.slice(0, Math.max(0, cap - emitted.length));
			// A key is kept while its test runs, and as long as Personalize keeps analytics after.
			for (const leader of leaders)
				if (leaderKey(leader) in seen) seen[leaderKey(leader)] = now + KEEP_LEADERS_MS;
			for (const leader of sent) seen[leaderKey(leader)] = now + KEEP_LEADERS_MS;
			save({ emitted: seen, active });
			emitted.push(...sent);
		}
		return pollOutput(this, emitted);
	}
}
