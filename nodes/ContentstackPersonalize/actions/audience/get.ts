import type { IExecuteFunctions } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { maybeSimplify, simplifyField } from '../../../common/list';
import { locatorField, readLocator } from '../../../common/locator';
import { getObject } from '../../../common/resource';
import { LOCATORS } from '../shared/api';
import { audience, SIMPLIFIED } from './resource';

const show = showFor('audience', 'get');

export const description = [
	locatorField(LOCATORS.audience, show),
	simplifyField(show, 'audience', SIMPLIFIED),
];

/** There is no GET /audiences/{uid}: the audience is found in GET /audiences (Lytics ones too). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const uid = readLocator(this, LOCATORS.audience, itemIndex);
	const found = await getObject(this, itemIndex, audience, uid);
	return maybeSimplify(this, itemIndex, SIMPLIFIED, [found])[0];
}
