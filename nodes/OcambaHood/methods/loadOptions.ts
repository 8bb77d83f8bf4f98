import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { propertyName } from '../actions/profileProperty/fields';
import { fetchAll } from '../api';

/** Custom (non-system) profile properties by label: the keys profiles store values under. */
export async function getCustomProperties(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	// No `fields` list: the name arrives as `label` or as `property` depending on the API version.
	const properties = await fetchAll(this, '/profile-properties', { system: 'eq:0' });
	return properties
		.filter((property) => propertyName(property) !== '')
		.map((property) => ({
			name: `${propertyName(property)} (${String(property.data_type ?? 'text')})`,
			value: propertyName(property),
			description: property.description ? String(property.description) : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getProfileLists(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const lists = await fetchAll(this, '/profile-lists', { sort: 'name', fields: 'id,name' });
	return lists.map((list) => ({ name: String(list.name), value: String(list.id) }));
}
