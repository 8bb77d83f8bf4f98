import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { managementRequest } from '../../transport';
import { readVersionBody } from './fields';
import {
	experienceField,
	readExperience,
	readVersionId,
	versionIdField,
	versionsPath,
	withVersionRules,
} from './versions';

export const description = [experienceField('update'), versionIdField(['update'], undefined)];

/** A full replace: the version's status and variants are always sent, as the API requires. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const experienceUid = readExperience(this, itemIndex);
	const versionId = readVersionId(this, itemIndex);
	const body = readVersionBody(this, itemIndex) as IDataObject;
	return await withVersionRules(
		this,
		async () =>
			await managementRequest<IDataObject>(this, {
				method: 'PUT',
				path: `${versionsPath(experienceUid)}/${versionId}`,
				body,
				itemIndex,
			}),
	);
}
