import type { INodeProperties } from 'n8n-workflow';

/** Update: the full priority order, picked from the list or given as UIDs. */
const show = { resource: ['experiencePriority'], operation: ['update'] };

export const orderInputField: INodeProperties = {
	displayName: 'Define Order',
	name: 'orderInput',
	type: 'options',
	displayOptions: { show },
	options: [
		{ name: 'Pick Experiences', value: 'list' },
		{
			name: 'List of UIDs',
			value: 'uids',
			description: 'Comma-separated UIDs, or a list from an expression',
		},
	],
	default: 'list',
};

export const priorityOrderField: INodeProperties = {
	displayName: 'Priority Order',
	name: 'priorityOrder',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	displayOptions: { show: { ...show, orderInput: ['list'] } },
	default: {},
	placeholder: 'Add Experience',
	description:
		'Every experience of the project, highest priority first: when several touch the same content, the highest wins',
	options: [
		{
			displayName: 'Experience',
			name: 'experience',
			values: [
				{
					displayName: 'Experience Name or ID',
					name: 'uid',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getExperiences' },
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
			],
		},
	],
};

export const experienceUidsField: INodeProperties = {
	displayName: 'Experience UIDs',
	name: 'experienceUids',
	type: 'string',
	displayOptions: { show: { ...show, orderInput: ['uids'] } },
	default: '',
	placeholder: 'e.g. 65a1b2c3d4e5f60718293a4b, 65a1b2c3d4e5f60718293a4c',
	description: 'Every experience of the project, highest priority first',
};

export const updateOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	displayOptions: { show },
	default: {},
	options: [
		{
			displayName: 'Append Unlisted Experiences',
			name: 'appendMissing',
			type: 'boolean',
			default: false,
			description:
				'Whether to add the experiences not named above after them, in their current priority order (new experiences last). The API refuses a list that misses any (MISSING_EXPERIENCES).',
		},
	],
};
