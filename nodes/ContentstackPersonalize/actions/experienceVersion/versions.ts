import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError, hasErrorCode } from '../../../common/errors';
import { locatorField, readId, readLocator } from '../../../common/locator';
import type { ResourceSpec } from '../../../common/resource';
import { validateInput } from '../../../common/validation';
import { LABELS, objectId, versionSchema } from '../../schemas';
import { listAt, managementRequest } from '../../transport';
import { LOCATORS, personalizeApi } from '../shared/api';

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

export function versionIdField(
	operations: string[],
	optional: string | undefined,
): INodeProperties {
	return {
		displayName: 'Version ID',
		name: 'versionId',
		type: 'string',
		default: '',
		required: optional === undefined,
		placeholder: 'e.g. 65a1b2c3d4e5f60718293a4c',
		displayOptions: { show: { resource: ['experienceVersion'], operation: operations } },
		description:
			optional ??
			"The version's UID (Get Many lists them; a new experience's draft is its latestVersion)",
	};
}

export function readExperience(context: IExecuteFunctions, itemIndex: number): string {
	return readLocator(context, LOCATORS.experience, itemIndex);
}

export function readVersionId(context: IExecuteFunctions, itemIndex: number): string {
	return readId(context, itemIndex, 'versionId', objectId('a version UID'), LABELS.versionId);
}

/** What the API's version rules mean for the user, by error code. */
const RULE_HINTS: Array<[string, string]> = [
	[
		'CANNOT_CREATE_VERSION_AS_DRAFT_ALREADY_EXISTS',
		"Only one draft version can exist: update the existing draft (a new experience's draft is its latestVersion), or activate it first.",
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
		if (hint && error instanceof NodeApiError) error.description = hint;
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
	const given = String(context.getNodeParameter('versionId', itemIndex, '') ?? '').trim();
	const versionId = given ? readVersionId(context, itemIndex) : undefined;
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
