import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { newestFirst, versionLabel, versionsPath } from '../actions/experienceVersion/versions';
import { listAt } from '../transport';

/**
 * One factory for the four "From List" pickers: the list endpoint answers everything at once, so the
 * search is a filter on names, keys and UIDs, and there is no next page.
 */
function searchFor(
	path: string,
	label: (entry: IDataObject) => string,
	keep: (entry: IDataObject) => boolean = () => true,
) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		const needle = (filter ?? '').toLowerCase();
		const results = (await listAt(this, path))
			.filter(keep)
			.map((entry) => ({ name: label(entry), value: String(entry.uid) }))
			.filter(
				(result) => !needle || `${result.name} ${result.value}`.toLowerCase().includes(needle),
			)
			.sort((a, b) => a.name.localeCompare(b.name));
		return { results };
	};
}

export const searchAttributes = searchFor(
	'/attributes',
	(entry) => `${String(entry.name ?? entry.key)} (${String(entry.key)})`,
	(entry) => entry.__type !== 'PRESET', // presets cannot be changed
);
export const searchAudiences = searchFor('/audiences', (entry) => String(entry.name ?? entry.uid));
export const searchEvents = searchFor('/events', (entry) => String(entry.key ?? entry.uid));
export const searchExperiences = searchFor(
	'/experiences',
	(entry) =>
		`${String(entry.name ?? entry.uid)} (${entry.__type === 'AB_TEST' ? 'A/B test' : 'segmented'}, ${String(entry.status ?? 'draft').toLowerCase()})`,
);

/**
 * The chosen experience's versions, newest first ("Draft · 2 variants"); none until an experience
 * is chosen. Its UID is checked before it goes into the path.
 */
export async function searchVersions(this: ILoadOptionsFunctions): Promise<INodeListSearchResult> {
	const picked = this.getCurrentNodeParameter('experienceId') as { value?: unknown } | string;
	const experienceUid = String(
		(typeof picked === 'object' && picked !== null ? picked.value : picked) ?? '',
	).trim();
	if (!/^[0-9a-fA-F]{24}$/.test(experienceUid)) return { results: [] };
	const versions = newestFirst(await listAt(this, versionsPath(experienceUid)));
	return {
		results: versions.map((version) => ({
			name: version.createdAt
				? `${versionLabel(version)} · ${String(version.createdAt).slice(0, 10)}`
				: versionLabel(version),
			value: String(version.uid),
		})),
	};
}
