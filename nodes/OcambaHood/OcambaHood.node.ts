import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeOperation } from '../common/router';
import { properties, resources } from './actions/description';
import * as listSearch from './methods/listSearch';
import * as loadOptions from './methods/loadOptions';

export class OcambaHood implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ocamba Hood',
		name: 'ocambaHood',
		icon: {
			light: 'file:../../icons/ocamba-hood.svg',
			dark: 'file:../../icons/ocamba-hood.dark.svg',
		},
		group: ['transform'],
		// 2: Simplify on by default for profile and campaign Get / Get Many (actions/shared/simplify.ts).
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Ocamba Hood profiles, profile properties, lists, segments and campaigns',
		defaults: { name: 'Ocamba Hood' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ocambaHoodApi', required: true }],
		properties,
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, resources);
	}
}
