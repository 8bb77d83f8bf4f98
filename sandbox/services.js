'use strict';

/**
 * Every service sandbox: how to create it (seeded with demo data or empty) and the n8n credential
 * that points at one listening on `url`. sandbox/cli.js, the demo, `npm run dev` and the real-n8n
 * tests all start sandboxes from here, so the credential ids match those the example workflows use.
 * Key = the service name `sandbox/cli.js --service` takes.
 */
const { createLuigisBoxSandbox, luigisBoxDemoSeed, DEFAULT_TRACKERS } = require('./luigisbox');
const algonomy = require('./algonomy');
const ocambaHood = require('./ocamba-hood');
const contentstack = require('./contentstack-personalize');

const SERVICES = {
	// Key = the service name sandbox/cli.js uses.
	luigisbox: {
		create: ({ seed }) =>
			createLuigisBoxSandbox({ seed: seed ? luigisBoxDemoSeed(Date.now()) : [] }),
		credential: (url) => {
			const [trackerId, privateKey] = Object.entries(DEFAULT_TRACKERS)[0];
			return {
				id: 'lbSandbox',
				name: "Luigi's Box sandbox",
				type: 'luigisBoxApi',
				data: { trackerId, privateKey, baseUrl: url },
			};
		},
	},
	algonomy: {
		create: ({ seed }) =>
			algonomy.createAlgonomySandbox({ seed: seed ? algonomy.algonomyDemoSeed() : {} }),
		// One sandbox plays both the gateway and the recommendation host.
		credential: (url) => ({
			id: 'algonomySandbox',
			name: 'Algonomy sandbox',
			type: 'algonomyApi',
			data: {
				environment: 'custom',
				gatewayUrl: url,
				apiKey: algonomy.DEFAULT_API_KEY,
				clientId: algonomy.DEFAULT_CLIENT_ID,
				clientSecret: algonomy.DEFAULT_CLIENT_SECRET,
				recsBaseUrl: url,
				apiClientKey: algonomy.DEFAULT_API_CLIENT_KEY,
			},
		}),
		// The keys-only credential the Recommendation resource can use instead (no client ID or secret).
		extraCredentials: (url) => [
			{
				id: 'algonomyRecsSandbox',
				name: 'Algonomy recommendations sandbox',
				type: 'algonomyRecsApi',
				data: {
					apiKey: algonomy.DEFAULT_API_KEY,
					apiClientKey: algonomy.DEFAULT_API_CLIENT_KEY,
					recsBaseUrl: url,
				},
			},
		],
	},
	'ocamba-hood': {
		// The documented limits (10/s, 150/min) stay on; the node paces itself to them.
		create: ({ seed }) => ocambaHood.createOcambaHoodSandbox({ seed: seed ? 'demo' : 'empty' }),
		credential: (url) => ({
			id: 'ocambaSandbox',
			name: 'Ocamba Hood sandbox',
			type: 'ocambaHoodApi',
			data: { apiToken: ocambaHood.DEFAULT_TOKEN, baseUrl: url },
		}),
	},
	'contentstack-personalize': {
		// The documented limit (10/s per organization, reads and writes apart) stays on; the node paces itself.
		// A second, empty project of the same organization is the production side of the promotion example.
		create: ({ seed }) =>
			contentstack.createContentstackPersonalizeSandbox({
				seed,
				abTest: seed,
				productionProject: true,
			}),
		// One sandbox plays the Management API, the CMA login and (under /edge) the Edge API. Email and
		// password: the credential logs in once (POST /v3/user-session) and keeps the authtoken.
		credential: (url) => ({
			id: 'contentstackSandbox',
			name: 'Contentstack Personalize sandbox',
			type: 'contentstackPersonalizeApi',
			data: {
				region: 'custom',
				managementUrl: url,
				edgeUrl: `${url}/edge`,
				cmaUrl: url,
				projectUid: contentstack.DEFAULT_PROJECT_UID,
				organizationUid: contentstack.DEFAULT_ORG_UID,
				authMode: 'emailPassword',
				email: contentstack.DEFAULT_EMAIL,
				password: contentstack.DEFAULT_PASSWORD,
			},
		}),
		// The same sandbox and login, another project: "Promote staging to production" imports into it.
		extraCredentials: (url) => {
			const staging = SERVICES['contentstack-personalize'].credential(url);
			return [
				{
					...staging,
					id: 'contentstackProductionSandbox',
					name: 'Contentstack Personalize sandbox (production)',
					data: { ...staging.data, projectUid: contentstack.PRODUCTION_PROJECT_UID },
				},
			];
		},
	},
};

module.exports = { SERVICES };
