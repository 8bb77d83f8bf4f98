import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asNodeError, hasErrorCode } from '../../../common/errors';
import { locatorField, readId, readLocator } from '../../../common/locator';
import { LABELS, objectId } from '../../schemas';
import { managementRequest } from '../../transport';
import { listVersions } from '../experienceVersion/versions';
import { LOCATORS } from '../shared/api';
import { queryParametersField, readQueryParameters } from '../shared/query';

/** Which version's numbers count when none is given: the live one, else the one that was live last. */
const STATUS_PREFERENCE = ['ACTIVE', 'PAUSED', 'ARCHIVED'];

async function defaultVersion(
	context: IExecuteFunctions,
	experienceUid: string,
	itemIndex: number,
) {
	const versions = await listVersions(context, experienceUid, itemIndex);
	const newestFirst = [...versions].sort((a, b) =>
		String(b.updatedAt ?? '').localeCompare(String(a.updatedAt ?? '')),
	);
	for (const status of STATUS_PREFERENCE) {
		const found = newestFirst.find((entry) => entry.status === status);
		if (found) return String(found.uid);
	}
	return undefined;
}

/** The experience, its version and free query parameters, for one analytics operation. */
export function analyticsFields(operation: string): INodeProperties[] {
	const show = { resource: ['analytics'], operation: [operation] };
	return [
		locatorField(LOCATORS.experience, show),
		{
			displayName: 'Version ID',
			name: 'versionId',
			type: 'string',
			default: '',
			displayOptions: { show },
			description: 'Leave empty for the active version, or the version that was active last',
		},
		queryParametersField(
			show,
			'Further filters of the analytics, by name and value, e.g. a date range if the API offers one',
		),
	];
}

/**
 * GET /experiences/{uid}/analytics/<path>?version=<versionUid>. Analytics exist only for versions
 * that were live; "no data yet" (404 with <notFoundCode>) yields no output item instead of an error.
 */
export async function readAnalytics(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	notFoundCode: string,
) {
	const experienceUid = readLocator(context, LOCATORS.experience, itemIndex);
	const given = String(context.getNodeParameter('versionId', itemIndex, '') ?? '').trim();
	const version = given
		? readId(context, itemIndex, 'versionId', objectId('a version UID'), LABELS.versionId)
		: await defaultVersion(context, experienceUid, itemIndex);
	if (!version) return [];
	const qs = readQueryParameters(context, itemIndex);
	try {
		const answer = await managementRequest<IDataObject>(context, {
			method: 'GET',
			path: `/experiences/${experienceUid}/analytics/${path}`,
			qs: { ...qs, version },
			itemIndex,
		});
		return {
			experienceUid,
			version,
			...(answer && typeof answer === 'object' ? answer : { data: answer }),
		};
	} catch (error) {
		if (hasErrorCode(error, notFoundCode)) return [];
		throw asNodeError(context.getNode(), error);
	}
}
