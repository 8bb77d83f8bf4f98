import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { managementRequest } from '../../transport';
import { readPriorityOrder } from './order';

export const description: INodeProperties[] = [];

/** GET /experiences-priority: the experience UIDs, highest priority first. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const answer = await managementRequest<unknown>(this, {
		method: 'GET',
		path: '/experiences-priority',
		itemIndex,
	});
	return {
		priorityOrder: readPriorityOrder(answer),
		...(answer && typeof answer === 'object' && !Array.isArray(answer)
			? (answer as IDataObject)
			: {}),
	};
}
