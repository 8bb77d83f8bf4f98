import type { INodeProperties } from 'n8n-workflow';

import type { FieldSpec } from '../shared/fields';

export const PATH = '/profile-lists';

export const LIST_FIELDS: Record<string, FieldSpec> = {
	color: { api: 'color', label: 'Color' },
	description: { api: 'description', label: 'Description' },
	name: { api: 'name', label: 'Name' },
};

export const colorField: INodeProperties = {
	displayName: 'Color',
	name: 'color',
	type: 'color',
	default: '#1a73e8',
	description: 'Shown next to the list in Ocamba (#hex)',
};
export const descriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
};
