import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeOperation } from '../common/router';
import { properties, resources } from './actions/description';
import * as loadOptions from './methods/loadOptions';
import * as listSearch from './methods/listSearch';

export class LuigisBox implements INodeType {
	description: INodeTypeDescription = {
		displayName: "Luigi's Box",
		name: 'luigisBox',
		icon: { light: 'file:../../icons/luigisbox.svg', dark: 'file:../../icons/luigisbox.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: "Pin, block and bulk-manage Luigi's Box recommendation customizations",
		defaults: { name: "Luigi's Box" },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'luigisBoxApi', required: true }],
		properties,
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, resources);
	}
}
