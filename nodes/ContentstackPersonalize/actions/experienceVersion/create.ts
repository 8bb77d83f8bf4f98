import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { managementRequest } from '../../transport';
import { readVersionBody } from './fields';
import { experienceField, readExperience, versionsPath, withVersionRules } from './versions';

export const description = [experienceField('create')];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const experienceUid = readExperience(this, itemIndex);
	const body = readVersionBody(this, itemIndex) as IDataObject;
	return await withVersionRules(
		this,
		async () =>
			await managementRequest<IDataObject>(this, {
				method: 'POST',
				path: versionsPath(experienceUid),
				body,
				itemIndex,
			}),
	);
}
