import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fetchSummary } from './summary';

export async function getModels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const summary = await fetchSummary(this);
	return Object.entries(summary.scope_counts ?? {})
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([model, count]) => ({ name: `${model} (${count})`, value: model }));
}

export async function getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const summary = await fetchSummary(this);
	return [...(summary.user_tags ?? [])].sort().map((tag) => ({ name: tag, value: tag }));
}
