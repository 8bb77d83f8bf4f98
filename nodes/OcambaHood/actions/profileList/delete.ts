import type { IExecuteFunctions } from 'n8n-workflow';

import { deleteAt } from '../shared/crud';
import { idLocator, PROFILE_LIST, readLocatorId } from '../shared/ids';
import { PATH } from './fields';

export const description = [idLocator(PROFILE_LIST, 'profileList', ['delete'])];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await deleteAt(this, itemIndex, PATH, readLocatorId(this, itemIndex, PROFILE_LIST));
}
