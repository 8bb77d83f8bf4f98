import type { IExecuteFunctions } from 'n8n-workflow';

import { getAt } from '../shared/crud';
import { idLocator, PROPERTY, readLocatorId } from '../shared/ids';
import { PATH } from './fields';

export const description = [idLocator(PROPERTY, 'profileProperty', ['get'])];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocatorId(this, itemIndex, PROPERTY);
	// Inferred path: Ocamba documents the list, not GET /profile-properties/{id}.
	return await getAt(this, itemIndex, PATH, id, 'profile property');
}
