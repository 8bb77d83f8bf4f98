import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sendContent } from './send';

/** The content fields live in fields.ts, shared by replace, update and delete. */
export const description: INodeProperties[] = [];

export async function executeAll(this: IExecuteFunctions) {
	return await sendContent(this, 'delete');
}
