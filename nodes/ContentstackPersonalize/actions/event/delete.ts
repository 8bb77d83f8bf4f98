import type { IExecuteFunctions } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { deleteObject } from '../../../common/resource';
import { LOCATORS } from '../shared/api';
import { event } from './resource';

export const description = [locatorField(LOCATORS.event, showFor('event', 'delete'))];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const uid = readLocator(this, LOCATORS.event, itemIndex);
	return await deleteObject(this, itemIndex, event, uid);
}
