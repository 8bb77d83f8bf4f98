import type { IExecuteFunctions } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { deleteObject } from '../../../common/resource';
import { LOCATOR, RESOURCE } from './fields';

export const description = [locatorField(LOCATOR, showFor('profileList', 'delete'))];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await deleteObject(this, itemIndex, RESOURCE, readLocator(this, LOCATOR, itemIndex));
}
