import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createObject } from '../../../common/resource';
import { customizationSchema } from '../../schemas';
import { readCustomization } from './fields';
import { CUSTOMIZATION } from './resource';

/** The customization's own fields live in fields.ts, shared with update and createMany. */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const customization = readCustomization(this, itemIndex) as IDataObject;
	return await createObject(this, itemIndex, CUSTOMIZATION, customizationSchema, customization);
}
