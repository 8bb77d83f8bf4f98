import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { Envelope } from '../transport';
import { propertyName } from '../actions/profileProperty/fields';
import { envelopeTotal, hoodRequest } from '../transport';

const PAGE_SIZE = 100;

interface SearchSpec {
	path: string;
	/** Searchable fields for the typed filter (q_fields); the API's default field when absent. */
	qFields?: string;
	sort?: string;
	extra?: IDataObject;
	name: (item: IDataObject) => string;
}

/** One page of a list for a resource locator, searched by the API (q) as the user types. */
async function search(
	context: ILoadOptionsFunctions,
	spec: SearchSpec,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	const qs: IDataObject = { page: `${page},${PAGE_SIZE}`, ...(spec.extra ?? {}) };
	if (spec.sort) qs.sort = spec.sort;
	if (filter) {
		qs.q = filter;
		if (spec.qFields) qs.q_fields = spec.qFields;
	}
	const envelope = await hoodRequest<Envelope>(context, { method: 'GET', path: spec.path, qs });
	const items = envelope?.items ?? [];
	const total = envelopeTotal(envelope);
	const more = items.length === PAGE_SIZE && (total === undefined || page * PAGE_SIZE < total);
	return {
		results: items.map((item) => ({ name: spec.name(item), value: String(item.id) })),
		paginationToken: more ? String(page + 1) : undefined,
	};
}

export async function searchProfileProperties(
	this: ILoadOptionsFunctions,
	filter?: string,
	token?: string,
) {
	return await search(
		this,
		{
			path: '/profile-properties',
			qFields: 'label,description',
			name: (item) => `${propertyName(item)}${Number(item.system) === 1 ? ' (system)' : ''}`,
		},
		filter,
		token,
	);
}

export async function searchProfileLists(
	this: ILoadOptionsFunctions,
	filter?: string,
	token?: string,
) {
	return await search(
		this,
		{ path: '/profile-lists', qFields: 'name', sort: 'name', name: (item) => String(item.name) },
		filter,
		token,
	);
}

export async function searchSegments(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(
		this,
		{
			path: '/segments',
			qFields: 'name',
			sort: 'name',
			extra: { out: 'json' },
			name: (item) => `${String(item.name)} (${String(item.status ?? 'unknown')})`,
		},
		filter,
		token,
	);
}

export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	token?: string,
) {
	return await search(
		this,
		{
			path: '/campaigns',
			name: (item) => `${String(item.name)} (${String(item.status ?? 'unknown')})`,
		},
		filter,
		token,
	);
}
