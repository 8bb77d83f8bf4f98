import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../common/router';
import { asNodeError, hasErrorCode } from '../../../common/errors';
import { listAt, managementRequest } from '../../transport';
import { locatorField, readLocator, readUid } from '../shared/locators';
import { queryParametersField, readQueryParameters } from '../shared/query';

/** Which version's numbers count when none is given: the live one, else the one that was live last. */
const STATUS_PREFERENCE = ['ACTIVE', 'PAUSED', 'ARCHIVED'];

async function defaultVersion(
	context: IExecuteFunctions,
	experienceUid: string,
	itemIndex: number,
) {
	const versions = await listAt(context, `/experiences/${experienceUid}/versions`, itemIndex);
	const newestFirst = [...versions].sort((a, b) =>
		String(b.updatedAt ?? '').localeCompare(String(a.updatedAt ?? '')),
	);
	for (const status of STATUS_PREFERENCE) {
		const found = newestFirst.find((entry) => entry.status === status);
		if (found) return String(found.uid);
	}
	return undefined;
}

/**
 * GET /experiences/{uid}/analytics/<path>?version=<versionUid>. Analytics exist only for versions
 * that were live; "no data yet" (404 with <notFoundCode>) yields no output item instead of an error.
 */
export function analyticsOperation(
	operation: string,
	path: string,
	notFoundCode: string,
): Operation {
	const show = { resource: ['analytics'], operation: [operation] };
	const description: INodeProperties[] = [
		locatorField('experience', show),
		{
			displayName: 'Version ID',
			name: 'versionId',
			type: 'string',
			default: '',
			displayOptions: { show },
			description:
				'Leave empty for the active version, or the version that was active last. Sent as the version query parameter.',
		},
		queryParametersField(
			show,
			'The docs name only "version"; a date range or granularity may exist but is not documented. Sent as given.',
		),
	];
	return {
		description,
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const experienceUid = readLocator(this, 'experience', itemIndex);
			const given = String(this.getNodeParameter('versionId', itemIndex, '') ?? '').trim();
			const version = given
				? readUid(this, 'versionId', itemIndex, 'a version UID')
				: await defaultVersion(this, experienceUid, itemIndex);
			if (!version) return [];
			const qs = readQueryParameters(this, itemIndex);
			try {
				const answer = await managementRequest<IDataObject>(this, {
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
				throw asNodeError(this.getNode(), error);
			}
		},
	};
}
