import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { contentstackAccountFields } from '../nodes/ContentstackPersonalize/credentialFields';
import { regionUrlExpression } from '../nodes/ContentstackPersonalize/urls';

/**
 * https://<region>app.contentstack.com/apps/<App UID>/authorize (path style, as third-party
 * integrations use it: the "#!" fragment of the docs' URL is lost on the login redirect), or the
 * docs' https://<region>app.contentstack.com/#!/apps/<App UID>/authorize; an override wins.
 */
const AUTHORIZE_URL = `={{ String($self.authorizationUrlOverride || "").trim() || ${regionUrlExpression('$self', 'app', 'customAppUrl')} + ($self.authorizeUrlStyle === "fragment" ? "/#!/apps/" : "/apps/") + String($self.appUid || "").trim() + "/authorize" }}`;
/** https://<region>developerhub-api.contentstack.com/token, unless overridden. */
const TOKEN_URL = `={{ String($self.tokenUrlOverride || "").trim() || ${regionUrlExpression('$self', 'developerHub', 'customDeveloperHubUrl')} + "/token" }}`;

const account = contentstackAccountFields({
	region:
		'A private app authorizes only in its home region; a public or public-unlisted app in every region.',
	organizationUid: 'Empty: the organization the token was issued for.',
});

/**
 * n8n's own OAuth2 authorization-code flow for a Contentstack Developer Hub app: n8n stores the
 * access and refresh tokens and refreshes them when the API answers 401 (user tokens last about an
 * hour). Region and project are carried here too, as the node needs them for every request.
 */
export class ContentstackPersonalizeOAuth2Api implements ICredentialType {
	name = 'contentstackPersonalizeOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Contentstack Personalize OAuth2 API';

	icon: Icon = {
		light: 'file:../icons/contentstack-personalize.svg',
		dark: 'file:../icons/contentstack-personalize.dark.svg',
	};

	documentationUrl =
		'https://www.contentstack.com/docs/developers/developer-hub/contentstack-oauth';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{
					name: 'Authorization Code',
					value: 'authorizationCode',
					description: 'The app has a client secret',
				},
				{
					name: 'PKCE',
					value: 'pkce',
					description:
						'Authorization code with PKCE, for apps without a client secret: n8n sends a code challenge and, for the token, a code verifier instead of the secret',
				},
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			displayOptions: { show: { grantType: ['authorizationCode'] } },
			default: '',
			required: true,
		},
		account.region,
		{
			displayName: 'App UID',
			name: 'appUid',
			type: 'string',
			default: '',
			required: true,
			description:
				'The UID of the Developer Hub app with OAuth enabled (part of its authorize URL)',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'options',
			options: [
				{ name: 'Manage (Read and Change)', value: 'personalize:manage' },
				{ name: 'Read Only', value: 'personalize:read' },
			],
			default: 'personalize:manage',
			description:
				"Choose the same scope as the app's user-token scopes in Developer Hub. Read Only allows only the Get operations.",
		},
		account.projectUid,
		account.organizationUid,
		account.managementUrl,
		account.edgeUrl,
		{
			displayName: 'App URL',
			name: 'customAppUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://app.contentstack.com',
			displayOptions: { show: { region: ['custom'] } },
			description:
				'Where users authorize the app (the authorize page is <App URL>/apps/<App UID>/authorize)',
		},
		{
			displayName: 'Developer Hub API URL',
			name: 'customDeveloperHubUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://developerhub-api.contentstack.com',
			displayOptions: { show: { region: ['custom'] } },
			description: 'Where n8n exchanges and refreshes tokens (<URL>/token)',
		},
		{
			displayName: 'Authorize URL Style',
			name: 'authorizeUrlStyle',
			type: 'options',
			options: [
				{
					name: 'Path (/apps/<App UID>/authorize)',
					value: 'path',
					description: 'As third-party integrations use it: the query survives the login redirect',
				},
				{
					name: 'Fragment (/#!/apps/<App UID>/authorize)',
					value: 'fragment',
					description:
						'As the docs write it. n8n puts its query before the "#", and the "#!" part is lost when the page first sends you to log in.',
				},
			],
			default: 'path',
		},
		{
			displayName: 'Authorization URL Override',
			name: 'authorizationUrlOverride',
			type: 'string',
			default: '',
			description:
				"Leave empty to use the style above. If authorizing fails, enter the URL your app's OAuth page shows.",
		},
		{
			displayName: 'Token URL Override',
			name: 'tokenUrlOverride',
			type: 'string',
			default: '',
			description:
				'Leave empty for <Developer Hub API>/token, the path the official SDK uses. Some integrations use /apps/token instead.',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: AUTHORIZE_URL,
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: TOKEN_URL,
			required: true,
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		// Contentstack takes client_id (and client_secret, without PKCE) in the form body of the token request.
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
	];

	/** Lists the project's attributes with the connected account's access token. */
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: `={{ ${regionUrlExpression('$credentials', 'management', 'managementUrl')} }}/attributes`,
			headers: { 'x-project-uid': '={{ String($credentials.projectUid).trim() }}' },
		},
	};
}
