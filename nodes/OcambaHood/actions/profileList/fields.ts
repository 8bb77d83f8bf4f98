import type { INodeProperties } from 'n8n-workflow';

import { hoodResource } from '../../api';
import type { FieldSpec } from '../shared/fields';
import { hoodLocator } from '../shared/ids';

export const PATH = '/profile-lists';
export const LOCATOR = hoodLocator('listId', 'Profile List', 'searchProfileLists');
export const RESOURCE = hoodResource('profileList', 'profile list', 'profile lists', PATH, LOCATOR);

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
