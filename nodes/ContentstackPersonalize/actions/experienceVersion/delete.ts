import type { IExecuteFunctions } from 'n8n-workflow';

import { managementRequest } from '../../transport';
import {
	experienceField,
	readExperience,
	readVersionId,
	versionIdField,
	versionsPath,
	withVersionRules,
} from './versions';

export const description = [experienceField('delete'), versionIdField(['delete'], undefined)];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const experienceUid = readExperience(this, itemIndex);
	const versionId = readVersionId(this, itemIndex);
	await withVersionRules(
		this,
		async () =>
			await managementRequest(this, {
				method: 'DELETE',
				path: `${versionsPath(experienceUid)}/${versionId}`,
				itemIndex,
			}),
	);
	return { success: true, experienceUid, uid: versionId };
}
