import type { IExecuteFunctions } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { maybeSimplify, simplifyField } from '../../../common/list';
import { locatorField, readLocator } from '../../../common/locator';
import { getObject } from '../../../common/resource';
import { LOCATORS } from '../shared/api';
import { experience, SIMPLIFIED } from './resource';

const show = showFor('experience', 'get');

export const description = [
	locatorField(LOCATORS.experience, show),
	simplifyField(show, 'experience', SIMPLIFIED),
];

/** GET /experiences/{uid}. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const uid = readLocator(this, LOCATORS.experience, itemIndex);
	const found = await getObject(this, itemIndex, experience, uid);
	return maybeSimplify(this, itemIndex, SIMPLIFIED, [found])[0];
}
