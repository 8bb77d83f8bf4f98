import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { searchAttributes, searchAudiences, searchEvents, searchExperiences } from './listSearch';

/** The dropdowns inside rules, variants, metrics and the priority order: the pickers' lists as options. */
function optionsFrom(search: (this: ILoadOptionsFunctions) => Promise<INodeListSearchResult>) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await search.call(this)).results.map(({ name, value }) => ({
			name,
			value: String(value),
		}));
	};
}

export const getCustomAttributes = optionsFrom(searchAttributes);
export const getAudiences = optionsFrom(searchAudiences);
export const getEvents = optionsFrom(searchEvents);
export const getExperiences = optionsFrom(searchExperiences);
