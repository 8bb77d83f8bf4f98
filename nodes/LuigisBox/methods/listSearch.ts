import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { luigisBoxRequest } from '../transport';
import { fetchSummary } from './summary';

const PAGE_SIZE = 100;

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

/**
 * Models named in Luigi's Box's customization docs. The API lists only the models that already have
 * customizations, so a new site would see an empty list: these follow the site's own models, marked.
 */
const DOCUMENTED_MODELS = ['basket', 'home', 'item_detail_alternatives', 'product_detail'];

export async function searchModels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const summary = await fetchSummary(this);
	const inUse = Object.keys(summary.scope_counts ?? {}).sort();
	const documented = DOCUMENTED_MODELS.filter((model) => !inUse.includes(model));
	const results = [
		...inUse.map((model) => ({ name: model, value: model })),
		...documented.map((model) => ({ name: `${model} (no customizations yet)`, value: model })),
	].filter((entry) => matches(filter, entry.value));
	return { results };
}

export async function searchCustomizations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0);
	const page = await luigisBoxRequest<{ pagination?: { total?: number }; results?: IDataObject[] }>(
		this,
		{
			method: 'POST',
			path: 'scopes',
			qs: { limit: PAGE_SIZE, offset, sort: ['created_at:desc'] },
			idempotent: true,
		},
	);
	const customizations = page.results ?? [];
	const results = customizations
		.filter((entry) =>
			matches(
				filter,
				entry.id,
				entry.model,
				entry.target_identity,
				...((entry.tags as string[]) ?? []),
			),
		)
		.map((entry) => ({
			name: [entry.model, entry.target_type, entry.target_identity].filter(Boolean).join(' · '),
			value: String(entry.id),
		}));
	const next = offset + customizations.length;
	const more = customizations.length > 0 && next < (page.pagination?.total ?? 0);
	return { results, paginationToken: more ? String(next) : undefined };
}
