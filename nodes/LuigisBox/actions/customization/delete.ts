import type { IExecuteFunctions } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { deleteObject } from '../../../common/resource';
import { CUSTOMIZATION, CUSTOMIZATION_LOCATOR } from './resource';

export const description = [
	locatorField(CUSTOMIZATION_LOCATOR, showFor('customization', 'delete')),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocator(this, CUSTOMIZATION_LOCATOR, itemIndex);
	return await deleteObject(this, itemIndex, CUSTOMIZATION, id);
}
