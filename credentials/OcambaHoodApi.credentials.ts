import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export class OcambaHoodApi implements ICredentialType {
	name = 'ocambaHoodApi';

	displayName = 'Ocamba Hood API';

	icon: Icon = {
		light: 'file:../icons/ocamba-hood.svg',
		dark: 'file:../icons/ocamba-hood.dark.svg',
	};

	documentationUrl = 'https://docs.ocamba.com/guides/core/core-platform-settings/api-tokens';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Created in the Ocamba app: profile menu (top right) → API Tokens → Add Token',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.ocamba.com',
			description: 'The Ocamba API address; change it only if Ocamba gave you another one',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiToken}}' } },
	};

	/** The cheapest authenticated call, read only: one profile property. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/hood/profile-properties',
			qs: { page: '1,1' },
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Ocamba did not accept the API token (mistyped, deleted or expired). Create one in the Ocamba app: profile menu (top right) → API Tokens → Add Token.',
				},
			},
		],
	};
}
