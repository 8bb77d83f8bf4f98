import type { INodeProperties } from 'n8n-workflow';

import { CONTENTSTACK_REGIONS } from './urls';

/**
 * The fields both Contentstack credentials (API and OAuth2) have: region, the custom hosts of the
 * Personalize APIs, and the project and organization the node sends as headers. Each credential
 * places them in its own order and adds a sentence where its meaning differs.
 */
export function contentstackAccountFields(notes: { region: string; organizationUid?: string }) {
	return {
		region: {
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: CONTENTSTACK_REGIONS,
			default: 'na',
			description: ['The data center of your Contentstack organization.', notes.region].join(' '),
		},
		managementUrl: {
			displayName: 'Management API URL',
			name: 'managementUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://personalize-api.contentstack.com',
			displayOptions: { show: { region: ['custom'] } },
			description:
				'Base URL of the Personalize Management API (no /v1 or /v3: its paths have no version)',
		},
		edgeUrl: {
			displayName: 'Edge API URL',
			name: 'edgeUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://personalize-edge.contentstack.com',
			displayOptions: { show: { region: ['custom'] } },
			description:
				'Base URL of the public Personalize Edge API (Visitor resource). It never receives a token.',
		},
		projectUid: {
			displayName: 'Project UID',
			name: 'projectUid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 65a1b2c3d4e5f60718293a4b',
			description: 'The Personalize project, shown in Personalize → Settings → General',
		},
		organizationUid: {
			displayName: 'Organization UID',
			name: 'organizationUid',
			type: 'string',
			default: '',
			description: [
				"Only the Project resource needs it: your organization's UID, shown in Contentstack's organization settings",
				notes.organizationUid,
			]
				.filter(Boolean)
				.join(' '),
		},
	} satisfies Record<string, INodeProperties>;
}
