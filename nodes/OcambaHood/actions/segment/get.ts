import type { IExecuteFunctions } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { getObject } from '../../../common/resource';
import { LOCATOR, RESOURCE } from './fields';

export const description = [locatorField(LOCATOR, showFor('segment', 'get'))];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await getObject(this, itemIndex, RESOURCE, readLocator(this, LOCATOR, itemIndex));
}
