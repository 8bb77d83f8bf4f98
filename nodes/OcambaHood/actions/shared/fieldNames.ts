import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { readableField } from '../../../common/list';

/**
 * Ocamba's API fields as the editor names them, with what each holds: the option values stay the
 * API fields (they are stored in workflows), the names are what a marketer reads.
 */
export const FIELD_NAMES: Record<string, { name: string; description: string }> = {
	color: { name: 'Color', description: 'The color shown next to the list in Ocamba' },
	country_code: { name: 'Country', description: 'Two-letter country code, e.g. DE' },
	create_time: { name: 'Created At', description: 'When it was created (GMT)' },
	data_type: { name: 'Data Type', description: 'Text, number or date' },
	description: { name: 'Description', description: 'The description text' },
	email: { name: 'Email', description: "The profile's email address" },
	event: { name: 'Event Name', description: 'e.g. page_view or purchase' },
	event_date: { name: 'Event Date', description: 'The day of the event (GMT)' },
	event_time: { name: 'Event Time', description: 'When the event happened (GMT)' },
	example: { name: 'Example Value', description: 'The sample value of the property' },
	exportable: { name: 'Exportable', description: 'Whether profile exports include it (1 or 0)' },
	full_name: { name: 'Full Name', description: "The profile's full name" },
	id: { name: 'ID', description: 'The numeric Ocamba ID' },
	importable: { name: 'Importable', description: 'Whether profile imports may set it (1 or 0)' },
	label: { name: 'Label', description: "The property's identifier, e.g. loyalty_tier" },
	mobile_phone_number: { name: 'Mobile Phone Number', description: 'e.g. +4915123456789' },
	name: { name: 'Name', description: 'The name' },
	next_run_time: { name: 'Next Run At', description: 'When the campaign sends next (GMT)' },
	organization_id: { name: 'Organization ID', description: 'The B2B organization' },
	page_url: { name: 'Page URL', description: 'The page the event happened on' },
	pi_data: {
		name: 'Personal Data (PII)',
		description: 'Whether Ocamba stores the value encrypted as personal data (1 or 0)',
	},
	run_counter: { name: 'Times Run', description: 'How often the campaign has run' },
	scheduled_time: { name: 'Scheduled At', description: 'When the campaign is set to send (GMT)' },
	status: { name: 'Status', description: 'e.g. active, draft, running or unsubscribed' },
	system: {
		name: 'System Property',
		description: 'Whether Ocamba manages the property itself (1 or 0)',
	},
	target: { name: 'Target (Older Name of Label)', description: "The property's former name" },
	update_time: { name: 'Updated At', description: 'When it last changed (GMT)' },
};

/** How the editor names an API field; fields without an entry are spelt out word by word. */
export const fieldName = (field: string): string =>
	FIELD_NAMES[field]?.name ?? readableField(field);

/** Dropdown options for API fields, readable names sorted, the values the API's fields. */
export function fieldOptions(fields: readonly string[]): INodePropertyOptions[] {
	return fields
		.map((field) => ({
			name: fieldName(field),
			value: field,
			...(FIELD_NAMES[field] ? { description: FIELD_NAMES[field].description } : {}),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The "Field" parameter of a filter or sort rule where Ocamba documents the fields. */
export function documentedFieldParameter(
	fields: readonly string[],
	what: string,
	defaultField?: string,
): INodeProperties {
	// The default stays the one shipped (the first field by its former, spelt-out name): a stored
	// workflow that kept the default holds no value, so a new default would change what it sends.
	const shipped =
		defaultField ?? [...fields].sort((a, b) => readableField(a).localeCompare(readableField(b)))[0];
	return {
		displayName: 'Field',
		name: 'field',
		type: 'options',
		options: fieldOptions(fields),
		// A plain name as the default: n8n's lint rule reads no other expression there.
		default: shipped,
		description: `A field Ocamba lets you ${what} by here`,
	};
}
