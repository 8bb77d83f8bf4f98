import type { INodeProperties } from 'n8n-workflow';

/** Which credential the node uses; the action node and the trigger share it. */
export const authenticationField: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{
			name: 'Authtoken, Access Token or Login',
			value: 'accessToken',
			description:
				'A pasted authtoken or OAuth access token, or an email and password that log in once',
		},
		{
			name: 'OAuth2 (Developer Hub App)',
			value: 'oAuth2',
			description: 'Connect your account once; n8n refreshes the token',
		},
	],
	default: 'accessToken',
};
