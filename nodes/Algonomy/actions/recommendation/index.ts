import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../common/router';
import * as getForPlacements from './getForPlacements';

export const operations: Record<string, Operation> = { getForPlacements };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['recommendation'] } },
		options: [
			{
				name: 'Get for Placements',
				value: 'getForPlacements',
				description: 'Get the products Algonomy recommends for one or more placements of a page',
				action: 'Get recommendations for placements',
			},
		],
		default: 'getForPlacements',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
