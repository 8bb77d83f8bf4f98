import type { IExecuteFunctions } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { deleteObject } from '../../../common/resource';
import { LOCATORS } from '../shared/api';
import { attribute } from './resource';

export const description = [locatorField(LOCATORS.attribute, showFor('attribute', 'delete'))];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const uid = readLocator(this, LOCATORS.attribute, itemIndex);
	return await deleteObject(this, itemIndex, attribute, uid);
}
