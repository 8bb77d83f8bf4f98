import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError, errorBodyParts, errorCodeNote, hasErrorCode } from '../../../common/errors';
import { locatorField, readId, readLocator } from '../../../common/locator';
import type { ResourceSpec } from '../../../common/resource';
import { getObject } from '../../../common/resource';
import { invalidInput, validateInput } from '../../../common/validation';
import { LABELS, objectId, versionSchema } from '../../schemas';
import { listAt, managementRequest } from '../../transport';
import { LOCATORS, personalizeApi } from '../shared/api';
import { chosenExperienceType, readVersionBody, sameAsExperience } from './fields';
import { experience, EXPERIENCE_TYPE_OPTIONS } from '../experience/resource';

export const versionsPath = (experienceUid: string) => `/experiences/${experienceUid}/versions`;

/** The versions of one experience: a collection below it, with no GET of one version. */
export const versionsOf = (experienceUid: string): ResourceSpec => ({
	api: personalizeApi,
	resource: 'experienceVersion',
	noun: 'version',
	plural: 'versions',
	path: versionsPath(experienceUid),
	idKey: 'uid',
	update: { method: 'PUT' },
	listAll: async (context, itemIndex) => await listVersions(context, experienceUid, itemIndex),
});

export const experienceField = (...operations: string[]) =>
	locatorField(LOCATORS.experience, { resource: ['experienceVersion'], operation: operations });

/**
 * The version picker: From List (the experience's versions, newest first) or By ID. Where
 * `emptyMeans` is given the field may stay empty, and that text says which version is then taken.
 */
export function versionIdField(
	operations: string[],
	emptyMeans: string | undefined,
): INodeProperties {
	return {
		displayName: 'Version',
		name: 'versionId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: emptyMeans === undefined,
		displayOptions: { show: { resource: ['experienceVersion'], operation: operations } },
		...(emptyMeans ? { hint: emptyMeans } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchVersions', searchable: false },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 65a1b2c3d4e5f60718293a4c',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*([0-9a-fA-F]{24})\\s*$',
							errorMessage: 'Not a version ID (24 hexadecimal characters)',
						},
					},
				],
			},
		],
	};
}

export function readExperience(context: IExecuteFunctions, itemIndex: number): string {
	return readLocator(context, LOCATORS.experience, itemIndex);
}

export function readVersionId(context: IExecuteFunctions, itemIndex: number): string {
	return readId(context, itemIndex, 'versionId', objectId('a version UID'), 'Version');
}

/** The picked version, checked; undefined when the picker was left empty. */
export function readOptionalVersionId(
	context: IExecuteFunctions,
	itemIndex: number,
): string | undefined {
	const given = context.getNodeParameter('versionId', itemIndex, '', { extractValue: true });
	return String(given ?? '').trim() ? readVersionId(context, itemIndex) : undefined;
}

const STATUS_NAMES: Record<string, string> = {
	ACTIVE: 'Active',
	ARCHIVED: 'Archived',
	DRAFT: 'Draft',
	PAUSED: 'Paused',
};

/** "Draft · 2 variants": how a version reads in the picker and in errors. */
export function versionLabel(version: IDataObject): string {
	const status = String(version.status ?? '');
	const count = Array.isArray(version.variants) ? version.variants.length : 0;
	return `${STATUS_NAMES[status] ?? status} · ${count} variant${count === 1 ? '' : 's'}`;
}

/** Newest first: by creation time, and the API's order (oldest first) where times are equal. */
export function newestFirst(versions: IDataObject[]): IDataObject[] {
	return versions
		.map((version, index) => ({ version, index }))
		.sort(
			(a, b) =>
				String(b.version.createdAt ?? '').localeCompare(String(a.version.createdAt ?? '')) ||
				b.index - a.index,
		)
		.map(({ version }) => version);
}

/** The experience's draft (there is at most one); an error naming the Version field when none. */
export async function draftOf(
	context: IExecuteFunctions,
	experienceUid: string,
	itemIndex: number,
): Promise<IDataObject> {
	const versions = await listVersions(context, experienceUid, itemIndex);
	const draft = newestFirst(versions).find((entry) => entry.status === 'DRAFT');
	if (draft) return draft;
	throw new NodeOperationError(context.getNode(), 'The experience has no draft version', {
		itemIndex,
		description: `Its versions: ${
			newestFirst(versions)
				.map((entry) => `${versionLabel(entry)} (${String(entry.uid)})`)
				.join(', ') || 'none'
		}. Pick one in Version, or create a draft with Experience Version → Create.`,
	});
}

/**
 * The version body for Create and Update. Variants built with fields must be of the experience's
 * type (fixed once it is created): with "Same as the Experience" the experience is read first and
 * its type used; with a type chosen, the body is checked first (nothing is read for a bad one) and
 * a type that differs from the experience's is refused before the version is sent.
 */
export async function readVersionFor(
	context: IExecuteFunctions,
	experienceUid: string,
	itemIndex: number,
): Promise<IDataObject> {
	const fields = context.getNodeParameter('versionInput', itemIndex, 'fields') === 'fields';
	if (!fields) return readVersionBody(context, itemIndex) as IDataObject;
	const chosen = chosenExperienceType(context, itemIndex);
	if (sameAsExperience(chosen)) {
		const found = await getObject(context, itemIndex, experience, experienceUid);
		return readVersionBody(context, itemIndex, String(found.__type ?? 'SEGMENTED')) as IDataObject;
	}
	const body = readVersionBody(context, itemIndex) as IDataObject;
	const found = await getObject(context, itemIndex, experience, experienceUid);
	if (found.__type === undefined || found.__type === chosen) return body;
	const name = (value: unknown) =>
		EXPERIENCE_TYPE_OPTIONS.find((option) => option.value === value)?.name ?? String(value);
	throw invalidInput(
		context.getNode(),
		'Experience Type',
		itemIndex,
		`the experience "${String(found.name ?? experienceUid)}" is ${found.__type === 'AB_TEST' ? 'an' : 'a'} ${name(found.__type)}, not ${name(chosen)}: choose ${name(found.__type)} and give its variants`,
		"A version's variants must be of its experience's type, which is fixed once the experience is created. Same as the Experience takes it from the experience.",
	);
}

/** What the API's version rules mean for the user, by error code. */
const RULE_HINTS: Array<[string, string]> = [
	[
		'CANNOT_CREATE_VERSION_AS_DRAFT_ALREADY_EXISTS',
		'Only one draft version can exist (a new experience starts with an empty one): set If a Draft Exists to Update It, or use Update with Version left empty.',
	],
	[
		'CANNOT_UPDATE_LOCKED_VERSION',
		'An active version is locked: pause it first (Pause), or create a new version.',
	],
	[
		'CANNOT_MARK_VERSION_AS_DRAFT',
		'A paused version cannot go back to draft: create a new version instead.',
	],
	[
		'CANNOT_DELETE_ONLY_DRAFT',
		'The last version of an experience cannot be deleted; delete the experience instead.',
	],
	[
		'CANNOT_DELETE_NON_DRAFT',
		'Only a draft version can be deleted: an active, paused or archived version stays in the history.',
	],
];

/** Runs a version request; an answer that breaks a version rule gets the rule explained. */
export async function withVersionRules<T>(
	context: IExecuteFunctions,
	run: () => Promise<T>,
): Promise<T> {
	try {
		return await run();
	} catch (error) {
		const hint = RULE_HINTS.find(([code]) => hasErrorCode(error, code))?.[1];
		// The rule replaces the generic status hint; the vendor's code stays in the details.
		if (hint && error instanceof NodeApiError)
			error.description = [
				hint,
				errorCodeNote(errorBodyParts(error.errorResponse, { errorIsCode: true }).codes),
			]
				.filter(Boolean)
				.join(' ');
		throw asNodeError(context.getNode(), error);
	}
}

export async function listVersions(
	context: IExecuteFunctions,
	experienceUid: string,
	itemIndex: number,
) {
	return await listAt(context, versionsPath(experienceUid), itemIndex);
}

/**
 * Activate and Pause: the API changes a status only through a full PUT, so the version is read
 * (there is no GET of one version: the list is searched) and sent back with the new status.
 * Without a version ID, Activate takes the draft and Pause the active version.
 */
export async function changeStatus(
	context: IExecuteFunctions,
	itemIndex: number,
	target: 'ACTIVE' | 'PAUSED',
) {
	const node = context.getNode();
	const experienceUid = readExperience(context, itemIndex);
	const versionId = readOptionalVersionId(context, itemIndex);
	const versions = await listVersions(context, experienceUid, itemIndex);
	const wanted = target === 'ACTIVE' ? 'DRAFT' : 'ACTIVE';
	const version = versionId
		? versions.find((entry) => String(entry.uid) === versionId)
		: versions.find((entry) => entry.status === wanted);
	if (!version)
		throw new NodeOperationError(
			node,
			versionId
				? `Experience ${experienceUid} has no version ${versionId}`
				: `Experience ${experienceUid} has no ${wanted.toLowerCase()} version to ${target === 'ACTIVE' ? 'activate' : 'pause'}`,
			{
				itemIndex,
				description: `Its versions: ${versions.map((entry) => `${String(entry.uid)} (${String(entry.status)})`).join(', ') || 'none'}.`,
			},
		);
	if (version.status === target) return { ...version, unchanged: true };
	if (target === 'PAUSED' && version.status !== 'ACTIVE')
		throw new NodeOperationError(
			node,
			`Only an active version can be paused; version ${String(version.uid)} is ${String(version.status)}`,
			{ itemIndex },
		);
	const body: IDataObject = { status: target, variants: version.variants ?? [] };
	for (const key of ['variantSplit', 'metrics', 'targeting'])
		if (version[key] !== undefined && version[key] !== null) body[key] = version[key];
	const checked = validateInput(node, versionSchema, body, itemIndex, LABELS) as IDataObject;
	return await withVersionRules(
		context,
		async () =>
			await managementRequest<IDataObject>(context, {
				method: 'PUT',
				path: `${versionsPath(experienceUid)}/${String(version.uid)}`,
				body: checked,
				itemIndex,
			}),
	);
}
