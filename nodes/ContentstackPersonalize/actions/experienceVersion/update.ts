import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { managementRequest } from '../../transport';
import {
	draftOf,
	experienceField,
	readVersionFor,
	readExperience,
	readOptionalVersionId,
	versionIdField,
	versionsPath,
	withVersionRules,
} from './versions';

export const description = [
	experienceField('update'),
	versionIdField(['update'], "Leave empty to update the experience's draft"),
];

/**
 * A full replace: the version's status and variants are always sent, as the API requires. Without
 * a version, the experience's draft is looked up (a new experience's empty draft, for instance).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const experienceUid = readExperience(this, itemIndex);
	const versionId = readOptionalVersionId(this, itemIndex);
	const body = await readVersionFor(this, experienceUid, itemIndex);
	const target = versionId ?? String((await draftOf(this, experienceUid, itemIndex)).uid);
	return await withVersionRules(
		this,
		async () =>
			await managementRequest<IDataObject>(this, {
				method: 'PUT',
				path: `${versionsPath(experienceUid)}/${target}`,
				body,
				itemIndex,
			}),
	);
}
