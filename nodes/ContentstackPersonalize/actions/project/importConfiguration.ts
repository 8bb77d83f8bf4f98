import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { dryRunField, readDryRun, showFor } from '../../../common/descriptions';
import { asNodeError } from '../../../common/errors';
import { invalidInput, parseJsonParameter } from '../../../common/validation';
import { withoutUndefined } from '../../../common/values';
import { listAt, managementRequest } from '../../transport';
import { currentOrder } from '../experiencePriority/order';
import { versionsPath } from '../experienceVersion/versions';
import type { ProjectState, ReferenceMap, Snapshot } from './snapshot';
import {
	changedFields,
	exportMap,
	isLytics,
	mapDefinition,
	mapVersion,
	portableAttribute,
	portableAudience,
	portableEvent,
	portableExperience,
	readProject,
	readSnapshot,
} from './snapshot';

const show = showFor('project', 'importConfiguration');

export const description: INodeProperties[] = [
	{
		displayName: 'Snapshot',
		name: 'snapshotInput',
		type: 'options',
		displayOptions: { show },
		options: [
			{
				name: 'From the Input Item',
				value: 'item',
				description: 'The JSON of the input item, as Export Configuration outputs it',
			},
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'item',
	},
	{
		displayName: 'Snapshot (JSON)',
		name: 'snapshotJson',
		type: 'json',
		displayOptions: { show: { ...show, snapshotInput: ['json'] } },
		default: '',
		description: 'A snapshot made by Project → Export Configuration',
	},
	{
		displayName: 'Activate',
		name: 'activate',
		type: 'boolean',
		displayOptions: { show },
		default: false,
		description:
			"Whether to make each experience's active version in the snapshot active here too (the version active before is archived); when off, only drafts are written",
	},
	{
		displayName: 'Delete Unlisted',
		name: 'deleteUnlisted',
		type: 'boolean',
		displayOptions: { show },
		default: false,
		description:
			'Whether to delete the attributes, events, audiences and experiences of this project that the snapshot does not name (only in the parts the snapshot holds)',
	},
	dryRunField(show),
];

/** One line of the report: what happened (or, in a dry run, would happen) to one object. */
interface Outcome extends IDataObject {
	type: string;
	action: 'created' | 'updated' | 'unchanged' | 'deleted' | 'skipped';
}

interface PlannedRequest extends IDataObject {
	method: 'POST' | 'PUT' | 'DELETE';
	path: string;
}

/** Leaves references as they are: a snapshot's own objects are already in its terms. */
const UNCHANGED: ReferenceMap = { attribute: String, audience: String, event: String };

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

class Importer {
	readonly outcomes: Outcome[] = [];
	private placeholders = 0;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly itemIndex: number,
		readonly dryRun: boolean,
	) {}

	/** A stand-in UID for an object a dry run would create. */
	placeholder(what: string): string {
		this.placeholders++;
		return `(new ${what} #${this.placeholders})`;
	}

	/**
	 * Sends one write, or in a dry run lists it under the outcome and answers `simulated`. The
	 * outcome is reported once its writes are done, so a failure leaves only what was applied.
	 */
	async send(
		outcome: Outcome,
		request: PlannedRequest,
		simulated: IDataObject = {},
	): Promise<IDataObject> {
		if (this.dryRun) {
			outcome.requests = [...((outcome.requests as IDataObject[]) ?? []), request];
			return simulated;
		}
		const answer = await managementRequest<unknown>(this.context, {
			method: request.method,
			path: request.path,
			body: request.body as IDataObject | undefined,
			// A create is never repeated after an ambiguous failure; PUT and DELETE may be.
			idempotent: request.method !== 'POST',
			itemIndex: this.itemIndex,
		});
		return answer && typeof answer === 'object' && !Array.isArray(answer)
			? (answer as IDataObject)
			: {};
	}

	/** The UID a create answered; without one, later references could not be remapped. */
	createdUid(created: IDataObject, what: string): string {
		const uid = text(created.uid);
		if (!uid)
			throw new NodeOperationError(
				this.context.getNode(),
				`Contentstack created ${what} but answered without its UID`,
				{ itemIndex: this.itemIndex },
			);
		return uid;
	}

	report(outcome: Outcome) {
		this.outcomes.push(outcome);
	}
}

/** Key/name → UID lookups of the target project; an unknown reference is refused. */
function importMap(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	uids: {
		attribute: Map<string, string>;
		audience: Map<string, string>;
		event: Map<string, string>;
	},
	where: string,
): ReferenceMap {
	const lookup = (lookupTable: Map<string, string>, noun: string, by: string) => (ref: string) => {
		const uid = lookupTable.get(ref);
		if (uid === undefined)
			throw invalidInput(
				context.getNode(),
				field,
				itemIndex,
				`${where} refers to the ${noun} with ${by} "${ref}", which is neither in the snapshot nor in this project`,
			);
		return uid;
	};
	return {
		attribute: lookup(uids.attribute, 'attribute', 'key'),
		audience: lookup(uids.audience, 'audience', 'name'),
		event: lookup(uids.event, 'event', 'key'),
	};
}

/** Name or key → target UID for every object the target has, plus those the snapshot will create. */
function planUids(
	importer: Importer,
	state: ProjectState,
	snapshot: Snapshot,
): { attribute: Map<string, string>; audience: Map<string, string>; event: Map<string, string> } {
	const table = (entries: IDataObject[], field: string) =>
		new Map(entries.map((entry) => [text(entry[field]), text(entry.uid)]));
	const uids = {
		attribute: table(state.attributes, 'key'),
		audience: table(
			state.audiences.filter((entry) => !isLytics(entry)),
			'name',
		),
		event: table(state.events, 'key'),
	};
	// Planned creations get a stand-in until they exist, so references can be checked before any write.
	for (const entry of snapshot.attributes ?? [])
		if (!uids.attribute.has(text(entry.key)))
			uids.attribute.set(text(entry.key), importer.placeholder(`attribute ${text(entry.key)}`));
	for (const entry of snapshot.events ?? [])
		if (!uids.event.has(text(entry.key)))
			uids.event.set(text(entry.key), importer.placeholder(`event ${text(entry.key)}`));
	for (const entry of snapshot.audiences ?? [])
		if (!uids.audience.has(text(entry.name)))
			uids.audience.set(text(entry.name), importer.placeholder(`audience ${text(entry.name)}`));
	return uids;
}

const withoutUid = (entry: IDataObject) => {
	const { uid, ...rest } = entry;
	void uid;
	return rest;
};

/**
 * Applies a snapshot: attributes, events, audiences, experiences with their versions, unlisted
 * experiences deleted, priority, then unlisted audiences, events and attributes deleted (an
 * object is deleted only after nothing kept refers to it any more).
 */
async function apply(
	context: IExecuteFunctions,
	itemIndex: number,
	importer: Importer,
	snapshot: Snapshot,
	field: string,
	options: { activate: boolean; deleteUnlisted: boolean },
) {
	const named = (experience: IDataObject) =>
		(snapshot.experiences ?? []).some((entry) => entry.name === experience.name);
	const state = await readProject(context, itemIndex, named);
	const uids = planUids(importer, state, snapshot);
	const current = exportMap(state);

	// Every reference is resolved before the first write: a snapshot that points at something
	// neither it nor the project has is refused whole.
	for (const entry of snapshot.audiences ?? [])
		mapDefinition(
			entry.definition,
			importMap(context, itemIndex, field, uids, `audience "${text(entry.name)}"`),
		);
	const experienceUids = new Map(
		state.experiences.map((entry) => [text(entry.name), text(entry.uid)]),
	);
	for (const entry of snapshot.experiences ?? []) {
		const map = importMap(context, itemIndex, field, uids, `experience "${text(entry.name)}"`);
		const versions = (entry.versions ?? {}) as IDataObject;
		for (const status of ['draft', 'active'])
			if (versions[status]) mapVersion(versions[status] as IDataObject, map);
	}
	for (const name of snapshot.priority ?? [])
		if (!experienceUids.has(name) && !(snapshot.experiences ?? []).some((e) => e.name === name))
			throw invalidInput(
				context.getNode(),
				field,
				itemIndex,
				`priority names the experience "${name}", which is neither in the snapshot nor in this project`,
			);

	const sectionOf = async (
		type: string,
		identity: 'key' | 'name',
		path: string,
		wanted: IDataObject[] | undefined,
		existing: IDataObject[],
		portable: (entry: IDataObject) => IDataObject,
		body: (entry: IDataObject) => IDataObject,
		table: Map<string, string>,
	) => {
		for (const entry of wanted ?? []) {
			const id = text(entry[identity]);
			const found = existing.find((candidate) => text(candidate[identity]) === id);
			const outcome: Outcome = { type, [identity]: id, action: 'unchanged', oldUid: entry.uid };
			if (!found) {
				const created = await importer.send(
					outcome,
					{ method: 'POST', path, body: body(entry) },
					{ uid: table.get(id) },
				);
				const newUid = importer.createdUid(created, `${type} "${id}"`);
				table.set(id, newUid);
				importer.report({ ...outcome, action: 'created', newUid });
				continue;
			}
			const changes = changedFields(portable(entry), portable(found));
			if (changes.length)
				await importer.send(outcome, {
					method: 'PUT',
					path: `${path}/${text(found.uid)}`,
					body: body(entry),
				});
			importer.report({
				...outcome,
				action: changes.length ? 'updated' : 'unchanged',
				newUid: found.uid,
				...(changes.length ? { changes } : {}),
			});
		}
	};

	await sectionOf(
		'attribute',
		'key',
		'/attributes',
		snapshot.attributes,
		state.attributes,
		(entry) => withoutUid(portableAttribute(entry)),
		(entry) => ({
			name: text(entry.name),
			key: text(entry.key),
			description: text(entry.description),
		}),
		uids.attribute,
	);
	await sectionOf(
		'event',
		'key',
		'/events',
		snapshot.events,
		state.events,
		(entry) => withoutUid(portableEvent(entry)),
		(entry) => ({ key: text(entry.key), description: text(entry.description) }),
		uids.event,
	);
	// Audiences compare in the snapshot's terms: the stored definition with UIDs turned into keys.
	const storedAudience = new Set(state.audiences);
	await sectionOf(
		'audience',
		'name',
		'/audiences',
		snapshot.audiences,
		state.audiences.filter((entry) => !isLytics(entry)),
		(entry) => withoutUid(portableAudience(entry, storedAudience.has(entry) ? current : UNCHANGED)),
		(entry) => ({
			name: text(entry.name),
			description: text(entry.description),
			definition: mapDefinition(
				entry.definition,
				importMap(context, itemIndex, field, uids, `audience "${text(entry.name)}"`),
			) as IDataObject,
		}),
		uids.audience,
	);

	for (const entry of snapshot.experiences ?? []) {
		const name = text(entry.name);
		const map = importMap(context, itemIndex, field, uids, `experience "${name}"`);
		const found = state.experiences.find((candidate) => text(candidate.name) === name);
		const outcome: Outcome = { type: 'experience', name, action: 'unchanged', oldUid: entry.uid };
		const fields = {
			name,
			description: text(entry.description),
			__type: entry.__type,
			tags: Array.isArray(entry.tags) ? entry.tags : [],
		};
		let experienceUid: string;
		let versions: IDataObject[];
		if (!found) {
			const uid = importer.placeholder(`experience ${name}`);
			const draftUid = importer.placeholder(`draft of ${name}`);
			const created = await importer.send(
				outcome,
				{ method: 'POST', path: '/experiences', body: fields },
				{ uid, latestVersion: draftUid },
			);
			experienceUid = importer.createdUid(created, `experience "${name}"`);
			// A new experience comes with an empty draft (its latestVersion); listed when not answered.
			versions = created.latestVersion
				? [{ uid: created.latestVersion, status: 'DRAFT', variants: [] }]
				: await listAt(context, versionsPath(experienceUid), itemIndex);
			experienceUids.set(name, experienceUid);
			importer.report({ ...outcome, action: 'created', newUid: experienceUid });
		} else {
			experienceUid = text(found.uid);
			versions = state.versions.get(experienceUid) ?? [];
			const changes = changedFields(fields, {
				...fields,
				...portableExperience(found, [], current),
			});
			if (changes.includes('__type')) {
				importer.report({
					...outcome,
					action: 'skipped',
					newUid: experienceUid,
					changes,
					reason: `An experience's type cannot change (${text(found.__type)} here, ${text(entry.__type)} in the snapshot): delete it or rename one of them`,
				});
				continue;
			}
			if (changes.length)
				await importer.send(outcome, {
					method: 'PUT',
					path: `/experiences/${experienceUid}`,
					body: fields,
				});
			importer.report({
				...outcome,
				action: changes.length ? 'updated' : 'unchanged',
				newUid: experienceUid,
				...(changes.length ? { changes } : {}),
			});
		}
		await applyVersions(importer, entry, experienceUid, versions, map, current, options.activate);
	}

	const keptExperiences = new Set((snapshot.experiences ?? []).map((entry) => text(entry.name)));
	const deletedExperiences = new Set<string>();
	if (options.deleteUnlisted && snapshot.experiences)
		for (const found of state.experiences.filter(
			(entry) => !keptExperiences.has(text(entry.name)),
		)) {
			await deleteObject(importer, 'experience', 'name', found, '/experiences');
			deletedExperiences.add(text(found.uid));
		}

	if (snapshot.priority) {
		const outcome: Outcome = { type: 'priority', name: 'priority', action: 'unchanged' };
		// The order now; a dry run supposes a created experience is listed last (the sandbox's reading).
		const before = importer.dryRun
			? [
					...state.priority,
					...[...experienceUids.values()].filter((uid) => !state.priority.includes(uid)),
				].filter((uid) => !deletedExperiences.has(uid))
			: await currentOrder(context, itemIndex);
		const first = snapshot.priority
			.map((name) => experienceUids.get(name) ?? '')
			.filter((uid) => uid !== '' && !deletedExperiences.has(uid));
		const order = [...first, ...before.filter((uid) => !first.includes(uid))];
		if (order.join(',') !== before.join(',')) {
			await importer.send(outcome, {
				method: 'PUT',
				path: '/experiences-priority',
				body: { priorityOrder: order },
			});
			importer.report({ ...outcome, action: 'updated', changes: ['priorityOrder'] });
		} else importer.report(outcome);
	}

	if (!options.deleteUnlisted) return;
	const keep = (list: IDataObject[] | undefined, field: string) =>
		new Set((list ?? []).map((entry) => text(entry[field])));
	if (snapshot.audiences) {
		const kept = keep(snapshot.audiences, 'name');
		for (const found of state.audiences)
			if (!isLytics(found) && !kept.has(text(found.name)))
				await deleteObject(importer, 'audience', 'name', found, '/audiences');
	}
	if (snapshot.events) {
		const kept = keep(snapshot.events, 'key');
		for (const found of state.events)
			if (!kept.has(text(found.key)))
				await deleteObject(importer, 'event', 'key', found, '/events');
	}
	if (snapshot.attributes) {
		const kept = keep(snapshot.attributes, 'key');
		for (const found of state.attributes)
			if (!kept.has(text(found.key)))
				await deleteObject(importer, 'attribute', 'key', found, '/attributes');
	}
}

async function deleteObject(
	importer: Importer,
	type: string,
	identity: 'key' | 'name',
	found: IDataObject,
	path: string,
) {
	const outcome: Outcome = {
		type,
		[identity]: text(found[identity]),
		action: 'deleted',
		oldUid: found.uid,
	};
	await importer.send(outcome, { method: 'DELETE', path: `${path}/${text(found.uid)}` });
	importer.report(outcome);
}

/**
 * A version's content without its variants' short UIDs: the API numbers variants itself, so they are
 * identifiers like UIDs, not content. @contentstack/cli-variants leaves them out of a version's PUT
 * too (it sends them on a POST, as this import does).
 */
function withoutShortUids(version: IDataObject): IDataObject {
	if (!Array.isArray(version.variants)) return version;
	return {
		...version,
		variants: (version.variants as IDataObject[]).map((variant) => {
			const { shortUid, ...rest } = variant;
			void shortUid;
			return rest;
		}),
	};
}

/**
 * The versions of one experience. With Activate, the snapshot's active version becomes active (the
 * draft takes its content, or a new version is created when there is no draft); then the draft is
 * written: the existing draft is updated, or a new one is created. Without Activate an active
 * version that differs is reported skipped.
 */
async function applyVersions(
	importer: Importer,
	entry: IDataObject,
	experienceUid: string,
	versions: IDataObject[],
	map: ReferenceMap,
	current: ReferenceMap,
	activate: boolean,
) {
	const name = text(entry.name);
	const wanted = (entry.versions ?? {}) as IDataObject;
	const path = versionsPath(experienceUid);
	let draft = versions.find((version) => version.status === 'DRAFT');
	const active = versions.find((version) => version.status === 'ACTIVE');
	const differs = (snapshotVersion: IDataObject, stored: IDataObject) =>
		changedFields(
			withoutShortUids(mapVersion(snapshotVersion, UNCHANGED)),
			withoutShortUids(mapVersion(stored, current)),
		);
	const wantedActive = wanted.active as IDataObject | undefined;
	if (wantedActive) {
		const outcome: Outcome = {
			type: 'experienceVersion',
			name: `${name} (active)`,
			action: 'unchanged',
			oldUid: wantedActive.uid,
		};
		const changes = active ? differs(wantedActive, active) : ['status'];
		if (!changes.length) importer.report({ ...outcome, newUid: active?.uid });
		else if (!activate)
			importer.report({
				...outcome,
				action: 'skipped',
				newUid: active?.uid,
				changes,
				reason: 'Activate is off: the active version is left as it is',
			});
		else {
			const body = { ...mapVersion(wantedActive, map), status: 'ACTIVE' };
			const taken = draft;
			const written = draft
				? await importer.send(
						outcome,
						{ method: 'PUT', path: `${path}/${text(draft.uid)}`, body: withoutShortUids(body) },
						{ uid: draft.uid },
					)
				: await importer.send(
						outcome,
						{ method: 'POST', path, body },
						{ uid: importer.placeholder(`active version of ${name}`) },
					);
			// The draft took the active content: the snapshot's draft needs a new version.
			draft = undefined;
			importer.report({
				...outcome,
				action: active ? 'updated' : 'created',
				newUid: written.uid ?? taken?.uid,
				...(active ? { changes } : {}),
			});
		}
	}
	const wantedDraft = wanted.draft as IDataObject | undefined;
	if (!wantedDraft) return;
	const outcome: Outcome = {
		type: 'experienceVersion',
		name: `${name} (draft)`,
		action: 'unchanged',
		oldUid: wantedDraft.uid,
	};
	const body = { ...mapVersion(wantedDraft, map), status: 'DRAFT' };
	if (!draft) {
		const created = await importer.send(
			outcome,
			{ method: 'POST', path, body },
			{ uid: importer.placeholder(`draft of ${name}`) },
		);
		importer.report({ ...outcome, action: 'created', newUid: created.uid });
		return;
	}
	const changes = differs(wantedDraft, draft);
	if (changes.length)
		await importer.send(outcome, {
			method: 'PUT',
			path: `${path}/${text(draft.uid)}`,
			body: withoutShortUids(body),
		});
	importer.report({
		...outcome,
		action: changes.length ? 'updated' : 'unchanged',
		newUid: draft.uid,
		...(changes.length ? { changes } : {}),
	});
}

function describeApplied(outcomes: Outcome[]): string {
	const applied = outcomes.filter(
		(outcome) => outcome.action !== 'unchanged' && outcome.action !== 'skipped',
	);
	if (!applied.length) return 'Nothing had been changed yet.';
	return `Applied before the failure: ${applied
		.map((outcome) => `${outcome.action} ${outcome.type} "${text(outcome.key ?? outcome.name)}"`)
		.join(', ')}.`;
}

/**
 * Applies a snapshot to the credential's project, matching attributes and events by key, audiences
 * and experiences by name (see apply). One output item per object; with Dry Run nothing is written
 * and each item lists the requests it would send. A failure part-way reports what was applied
 * (the error's description, or the items before the error item under Continue On Fail); running
 * the import again completes it.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const fromJson = this.getNodeParameter('snapshotInput', itemIndex, 'item') === 'json';
	const field = fromJson ? 'Snapshot (JSON)' : 'Snapshot (the input item)';
	const value = fromJson
		? parseJsonParameter(
				this.getNode(),
				this.getNodeParameter('snapshotJson', itemIndex, ''),
				field,
				itemIndex,
			)
		: this.getInputData()[itemIndex]?.json;
	const snapshot = readSnapshot(this, value, field, itemIndex);
	const importer = new Importer(this, itemIndex, readDryRun(this, itemIndex));
	try {
		await apply(this, itemIndex, importer, snapshot, field, {
			activate: this.getNodeParameter('activate', itemIndex, false) === true,
			deleteUnlisted: this.getNodeParameter('deleteUnlisted', itemIndex, false) === true,
		});
	} catch (error) {
		// A refusal or a failed read before the first object stays the error it is.
		if (importer.outcomes.length === 0) throw asNodeError(this.getNode(), error, itemIndex);
		const { message, description: detail } = error as { message: string; description?: string };
		const description = `${detail ? `${detail} ` : ''}${describeApplied(importer.outcomes)} Run the import again to complete it: what is already applied is matched and left unchanged.`;
		if (!this.continueOnFail())
			throw new NodeOperationError(this.getNode(), `The import stopped: ${message}`, {
				itemIndex,
				description,
			});
		return [
			...importer.outcomes.map((outcome) => withoutUndefined(outcome)),
			{ error: `The import stopped: ${message}`, description },
		];
	}
	return importer.outcomes.map((outcome) =>
		withoutUndefined(importer.dryRun ? { ...outcome, dryRun: true } : outcome),
	);
}
