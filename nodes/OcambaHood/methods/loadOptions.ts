import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { propertyName } from '../actions/profileProperty/fields';
import { fieldOptions } from '../actions/shared/fieldNames';
import { fetchAll } from '../api';

/** A profile's own fields (from the profile object Ocamba documents), offered as filter fields. */
const PROFILE_FIELDS = [
	'id',
	'status',
	'email',
	'mobile_phone_number',
	'full_name',
	'country_code',
	'organization_id',
	'create_time',
	'update_time',
];
/** A campaign's own fields that hold plain values, offered as filter fields. */
const CAMPAIGN_FIELDS = ['id', 'name', 'status', 'scheduled_time', 'create_time', 'update_time'];

/** Filter fields of Profile → Get Many: the profile's own fields, then the property list's. */
export async function getProfileFilterFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const own = fieldOptions(PROFILE_FIELDS);
	const properties = await fetchAll(this, '/profile-properties');
	const seen = new Set(PROFILE_FIELDS);
	const more = properties
		.map((property) => ({ property, name: propertyName(property) }))
		.filter(({ name }) => name !== '' && !seen.has(name) && seen.add(name))
		.map(({ property, name }) => ({
			name: `${name} (${Number(property.system) === 1 ? 'system' : 'custom'} property)`,
			value: name,
			description: property.description ? String(property.description) : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return [...own, ...more];
}

/** Filter fields of Campaign → Get Many (no request: Ocamba lists none). */
export async function getCampaignFilterFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return fieldOptions(CAMPAIGN_FIELDS);
}

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
