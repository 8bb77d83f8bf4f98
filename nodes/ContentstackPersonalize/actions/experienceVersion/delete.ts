import type { IExecuteFunctions } from 'n8n-workflow';

import { deleteObject } from '../../../common/resource';
import {
	experienceField,
	readExperience,
	readVersionId,
	versionIdField,
	versionsOf,
	withVersionRules,
} from './versions';

export const description = [experienceField('delete'), versionIdField(['delete'], undefined)];

/** DELETE /experiences/{uid}/versions/{versionUid}: drafts only, and never the last version. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const experienceUid = readExperience(this, itemIndex);
	const versionId = readVersionId(this, itemIndex);
	const deleted = await withVersionRules(
		this,
		async () => await deleteObject(this, itemIndex, versionsOf(experienceUid), versionId),
	);
	return { success: true, experienceUid, ...deleted };
}
