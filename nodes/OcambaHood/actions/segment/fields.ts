import type { INodeProperties } from 'n8n-workflow';

import { hoodResource } from '../../api';
import type { FieldSpec } from '../shared/fields';
import { hoodLocator } from '../shared/ids';

export const PATH = '/segments';
export const LOCATOR = hoodLocator('segmentId', 'Segment', 'searchSegments');
export const RESOURCE = hoodResource('segment', 'segment', 'segments', PATH, LOCATOR);

export const SEGMENT_FIELDS: Record<string, FieldSpec> = {
	name: { api: 'name', label: 'Name' },
	status: { api: 'status', label: 'Status' },
	targeting: { api: 'targeting', label: 'Targeting (JSON)', kind: 'json' },
};

export const statusField: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: [
		{ name: 'Active', value: 'active' },
		{ name: 'Inactive', value: 'inactive' },
	],
	default: 'active',
};

export const targetingField: INodeProperties = {
	displayName: 'Targeting (JSON)',
	name: 'targeting',
	type: 'json',
	default: '{\n  "countries": { "op": "in", "items": ["DE", "AT"] }\n}',
	description:
		'Rules such as countries, languages, os, browsers, profiles, remote_ids, profile_age {from, to} and custom_properties {label: {op, items}}, each {op, items}. Deprecated keys (remote_users, users, subscribed_age, user_data, tags, accounts) are refused.',
};
