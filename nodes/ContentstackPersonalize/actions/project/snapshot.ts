import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getCredentialData } from '../../../common/transport';
import { invalidInput, refuseUnsafeKeys } from '../../../common/validation';
import { EXPERIENCE_TYPES } from '../../schemas';
import { credentialTypeOf, listAt, managementRequest } from '../../transport';
import { readPriorityOrder } from '../experiencePriority/order';
import { versionsPath } from '../experienceVersion/versions';

/**
 * A project's configuration as a portable snapshot: every reference is written as the key (attributes,
 * events) or name (audiences, experiences) of what it points at, so another project can take it. The
 * `uid` of each object is the source project's, for the report only; matching never uses it.
 */
export const SNAPSHOT_FORMAT = 'n8n-contentstack-personalize-config';
export const SNAPSHOT_VERSION = 1;

export const SECTIONS = ['attributes', 'events', 'audiences', 'experiences', 'priority'] as const;
export type Section = (typeof SECTIONS)[number];

/** The fields of a version that make its content (the ones a status change sends back too). */
const VERSION_FIELDS = ['variants', 'variantSplit', 'metrics', 'targeting'];

/** Everything of a project the snapshot covers, as the API lists it. */
export interface ProjectState {
	attributes: IDataObject[];
	events: IDataObject[];
	audiences: IDataObject[];
	experiences: IDataObject[];
	/** Experience UID → its versions (only of the experiences read with versions). */
	versions: Map<string, IDataObject[]>;
	priority: string[];
}

const isObject = (value: unknown): value is IDataObject =>
	!!value && typeof value === 'object' && !Array.isArray(value);

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** Lytics audiences (32-hex UIDs, source LYTICS) are synced, not defined in the project. */
export const isLytics = (audience: IDataObject) =>
	audience.source === 'LYTICS' || /^[0-9a-f]{32}$/i.test(text(audience.uid));

/** Custom attributes only: presets exist in every project and cannot be written. */
const isCustom = (attribute: IDataObject) => attribute.__type !== 'PRESET';

export async function readProject(
	context: IExecuteFunctions,
	itemIndex: number,
	versionsOf: (experience: IDataObject) => boolean,
): Promise<ProjectState> {
	const attributes = (await listAt(context, '/attributes', itemIndex)).filter(isCustom);
	const events = await listAt(context, '/events', itemIndex);
	const audiences = await listAt(context, '/audiences', itemIndex);
	const experiences = await listAt(context, '/experiences', itemIndex);
	const versions = new Map<string, IDataObject[]>();
	for (const experience of experiences)
		if (versionsOf(experience))
			versions.set(
				text(experience.uid),
				await listAt(context, versionsPath(text(experience.uid)), itemIndex),
			);
	const order = readPriorityOrder(
		await managementRequest<unknown>(context, {
			method: 'GET',
			path: '/experiences-priority',
			itemIndex,
		}),
	).filter((uid) => uid !== '');
	// Experiences the priority list does not name yet follow it, in the list's order.
	const listed = new Set(order);
	const priority = [
		...order,
		...experiences.map((entry) => text(entry.uid)).filter((uid) => !listed.has(uid)),
	];
	return { attributes, events, audiences, experiences, versions, priority };
}

/** How references are rewritten: UID → key/name on export, key/name → UID on import. */
export interface ReferenceMap {
	attribute: (reference: string) => string;
	audience: (reference: string) => string;
	event: (reference: string) => string;
}

/** An audience definition with its custom attribute references rewritten (nested groups too). */
export function mapDefinition(node: unknown, map: ReferenceMap): unknown {
	if (!isObject(node)) return node;
	if (Array.isArray(node.rules))
		return { ...node, rules: node.rules.map((rule) => mapDefinition(rule, map)) };
	const attribute = node.attribute;
	if (isObject(attribute) && attribute.__type === 'CustomAttributeReference')
		return { ...node, attribute: { ...attribute, ref: map.attribute(text(attribute.ref)) } };
	return node;
}

/** A version's content (variants, split, metrics, targeting) with its references rewritten. */
export function mapVersion(version: IDataObject, map: ReferenceMap): IDataObject {
	const content: IDataObject = {};
	for (const key of VERSION_FIELDS)
		if (version[key] !== undefined && version[key] !== null) content[key] = version[key];
	if (Array.isArray(content.variants))
		content.variants = (content.variants as IDataObject[]).map((variant) =>
			Array.isArray(variant.audiences)
				? { ...variant, audiences: (variant.audiences as string[]).map(map.audience) }
				: variant,
		);
	if (Array.isArray(content.metrics))
		content.metrics = (content.metrics as IDataObject[]).map((metric) =>
			metric.event === undefined ? metric : { ...metric, event: map.event(text(metric.event)) },
		);
	const targeting = content.targeting as IDataObject | undefined;
	const audience = isObject(targeting) ? targeting.audience : undefined;
	if (isObject(audience) && Array.isArray(audience.audiences))
		content.targeting = {
			...targeting,
			audience: { ...audience, audiences: (audience.audiences as string[]).map(map.audience) },
		};
	return content;
}

/** UID → key/name lookups of a project; an unknown UID stays as it is. */
export function exportMap(state: ProjectState): ReferenceMap {
	const lookup = (entries: IDataObject[], field: string) => {
		const byUid = new Map(entries.map((entry) => [text(entry.uid), text(entry[field])]));
		return (uid: string) => byUid.get(uid) ?? uid;
	};
	return {
		attribute: lookup(state.attributes, 'key'),
		audience: lookup(
			state.audiences.filter((entry) => !isLytics(entry)),
			'name',
		),
		event: lookup(state.events, 'key'),
	};
}

export const portableAttribute = (entry: IDataObject): IDataObject => ({
	uid: entry.uid,
	key: text(entry.key),
	name: text(entry.name),
	description: text(entry.description),
});

export const portableEvent = (entry: IDataObject): IDataObject => ({
	uid: entry.uid,
	key: text(entry.key),
	description: text(entry.description),
});

export const portableAudience = (entry: IDataObject, map: ReferenceMap): IDataObject => ({
	uid: entry.uid,
	name: text(entry.name),
	description: text(entry.description),
	definition: mapDefinition(entry.definition, map) as IDataObject,
});

export function portableVersions(versions: IDataObject[], map: ReferenceMap): IDataObject {
	const result: IDataObject = {};
	for (const [status, name] of [
		['DRAFT', 'draft'],
		['ACTIVE', 'active'],
	]) {
		const version = versions.find((entry) => entry.status === status);
		if (version) result[name] = { uid: version.uid, ...mapVersion(version, map) };
	}
	return result;
}

export const portableExperience = (
	entry: IDataObject,
	versions: IDataObject[],
	map: ReferenceMap,
): IDataObject => ({
	uid: entry.uid,
	name: text(entry.name),
	description: text(entry.description),
	__type: entry.__type,
	tags: Array.isArray(entry.tags) ? entry.tags : [],
	versions: portableVersions(versions, map),
});

/** The snapshot of a project, with only the chosen sections. */
export async function exportSnapshot(
	context: IExecuteFunctions,
	itemIndex: number,
	include: Section[],
): Promise<IDataObject> {
	const wanted = new Set(include);
	const state = await readProject(context, itemIndex, () => wanted.has('experiences'));
	const map = exportMap(state);
	const experienceName = new Map(
		state.experiences.map((entry) => [text(entry.uid), text(entry.name)]),
	);
	const credentials = await getCredentialData(context, credentialTypeOf(context));
	const snapshot: IDataObject = {
		format: SNAPSHOT_FORMAT,
		version: SNAPSHOT_VERSION,
		exportedAt: new Date().toISOString(),
		project: { uid: text(credentials.projectUid).trim() },
	};
	if (wanted.has('attributes')) snapshot.attributes = state.attributes.map(portableAttribute);
	if (wanted.has('events')) snapshot.events = state.events.map(portableEvent);
	if (wanted.has('audiences'))
		snapshot.audiences = state.audiences
			.filter((entry) => !isLytics(entry))
			.map((entry) => portableAudience(entry, map));
	if (wanted.has('experiences'))
		snapshot.experiences = state.experiences.map((entry) =>
			portableExperience(entry, state.versions.get(text(entry.uid)) ?? [], map),
		);
	if (wanted.has('priority'))
		snapshot.priority = state.priority.map((uid) => experienceName.get(uid) ?? uid);
	return snapshot;
}

/** A JSON text with sorted keys: two values are the same content when their texts are equal. */
export function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, entry: unknown) =>
		isObject(entry)
			? Object.fromEntries(
					Object.keys(entry)
						.sort()
						.map((key) => [key, entry[key]]),
				)
			: entry,
	);
}

/** The names of the fields whose content differs (`uid` left out). */
export function changedFields(wanted: IDataObject, current: IDataObject): string[] {
	return Object.keys(wanted).filter(
		(key) => key !== 'uid' && canonical(wanted[key]) !== canonical(current[key]),
	);
}

export interface Snapshot {
	attributes?: IDataObject[];
	events?: IDataObject[];
	audiences?: IDataObject[];
	experiences?: IDataObject[];
	priority?: string[];
}

/**
 * Checks a snapshot's shape before anything is read or sent: its format and version, each section a
 * list, every object named, no name twice, no unsafe key (`__proto__`, `constructor`, `prototype`).
 */
export function readSnapshot(
	context: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): Snapshot {
	const node = context.getNode();
	const refuse = (problem: string) => invalidInput(node, field, itemIndex, problem);
	if (!isObject(value)) throw refuse('is not a configuration snapshot (a JSON object)');
	refuseUnsafeKeys(node, value, field, itemIndex);
	// A missing field is named as missing: "its format is undefined" reads like a bug.
	if (value.format !== SNAPSHOT_FORMAT)
		throw refuse(
			`is not a configuration snapshot: ${value.format === undefined ? 'it has no format' : `its format is ${JSON.stringify(value.format)}`}, not "${SNAPSHOT_FORMAT}" (Project → Export Configuration makes one)`,
		);
	if (value.version !== SNAPSHOT_VERSION)
		throw refuse(
			`${value.version === undefined ? 'the snapshot has no version' : `snapshot version ${JSON.stringify(value.version)} is not supported`}; this node reads version ${SNAPSHOT_VERSION}`,
		);
	const snapshot: Snapshot = {};
	const section = (name: Section, identity: string, check?: (entry: IDataObject) => void) => {
		const list = value[name];
		if (list === undefined) return;
		if (!Array.isArray(list)) throw refuse(`${name} must be a list`);
		const seen = new Set<string>();
		list.forEach((entry, position) => {
			if (!isObject(entry)) throw refuse(`${name}[${position}] must be an object`);
			const id = entry[identity];
			if (typeof id !== 'string' || id.trim() === '')
				throw refuse(`${name}[${position}].${identity} is required`);
			if (seen.has(id)) throw refuse(`${name} lists ${identity} "${id}" twice`);
			seen.add(id);
			check?.(entry);
		});
		snapshot[name] = list as IDataObject[] & string[];
	};
	section('attributes', 'key');
	section('events', 'key');
	section('audiences', 'name', (entry) => {
		if (!isObject(entry.definition))
			throw refuse(`the definition of audience "${text(entry.name)}" must be an object`);
	});
	section('experiences', 'name', (entry) => {
		if (!(EXPERIENCE_TYPES as readonly string[]).includes(text(entry.__type)))
			throw refuse(
				`experience "${text(entry.name)}" has __type ${JSON.stringify(entry.__type)}; expected ${EXPERIENCE_TYPES.join(' or ')}`,
			);
		const versions = entry.versions ?? {};
		if (!isObject(versions))
			throw refuse(`the versions of experience "${text(entry.name)}" must be an object`);
		for (const status of ['draft', 'active']) {
			const version = versions[status];
			if (version === undefined) continue;
			if (!isObject(version) || !Array.isArray(version.variants))
				throw refuse(
					`the ${status} version of experience "${text(entry.name)}" must be an object with a variants list`,
				);
		}
	});
	if (value.priority !== undefined) {
		const priority = value.priority;
		if (!Array.isArray(priority) || !priority.every((name) => typeof name === 'string'))
			throw refuse('priority must be a list of experience names');
		snapshot.priority = priority as string[];
	}
	return snapshot;
}
