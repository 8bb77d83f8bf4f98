import type { IExecuteFunctions } from 'n8n-workflow';

import { getAt } from '../shared/crud';
import { idLocator, readLocatorId, SEGMENT } from '../shared/ids';
import { PATH } from './fields';

export const description = [idLocator(SEGMENT, 'segment', ['get'])];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await getAt(this, itemIndex, PATH, readLocatorId(this, itemIndex, SEGMENT), 'segment');
}
