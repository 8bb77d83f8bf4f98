// Bad input is refused before anything is sent: the error names the parameter as the user sees it
// and the input item, and the sandbox receives no request at all (not even a login).
const h = require('./contentstack-personalize-helpers');

const TIER = '6650a1b2c3d4e5f601234501';
const GOLD = '6650a1b2c3d4e5f601234521';
const EXPERIENCE = '6650a1b2c3d4e5f601234531';
const VERSION = '6650a1b2c3d4e5f601234541';

let sandbox;
beforeAll(async () => {
	sandbox = await h.startSandbox({ seed: true, rateLimit: null });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const version = (fields) => ({
	resource: 'experienceVersion',
	operation: 'update',
	experienceId: h.byId(EXPERIENCE),
	versionId: VERSION,
	versionInput: 'fields',
	...fields,
});
const ab = (variants, extra = {}) =>
	version({
		status: 'DRAFT',
		variantType: 'AB_TEST',
		variantSplit: 'CUSTOM_PERCENTAGE',
		abVariants: { variant: variants },
		...extra,
	});
const rule = (fields) => ({
	resource: 'audience',
	operation: 'create',
	name: 'Audience',
	definitionInput: 'builder',
	rules: { rule: [fields] },
});
const json = (definition) => ({
	resource: 'audience',
	operation: 'create',
	name: 'Audience',
	definitionInput: 'json',
	definitionJson: typeof definition === 'string' ? definition : JSON.stringify(definition),
});
const twoItems = { items: [{ value: 'fine' }, { value: '' }] };
/** Required parameters left empty by data (an expression): n8n's own check only sees typed-in blanks. */
const EMPTY = '={{ "" }}';

const CASES = [
	[
		'attribute create without a name',
		{ resource: 'attribute', operation: 'create', name: EMPTY, key: 'plan' },
		{},
		'Invalid "Name": is required [item 0]',
	],
	[
		'attribute create: the second item has no key (the first is sent)',
		{ resource: 'attribute', operation: 'create', name: 'Plan', key: '={{ $json.value }}' },
		twoItems,
		'Invalid "Key": is required [item 1]',
		['POST /v3/user-session', 'POST /attributes'],
	],
	[
		'attribute update with a UID that is not one',
		{
			resource: 'attribute',
			operation: 'update',
			attributeId: h.byId('={{ "loyalty_tier" }}'),
			updateFields: { name: 'x' },
		},
		{},
		'Invalid "Attribute": must be an attribute UID: a 24-character hexadecimal UID such as 65a1b2c3d4e5f60718293a4b [item 0]',
	],
	[
		'attribute update with nothing to change',
		{ resource: 'attribute', operation: 'update', attributeId: h.byId(TIER), updateFields: {} },
		{},
		'Invalid "Update Fields": add at least one field to change; an empty update is not sent [item 0]',
	],
	[
		'event create without a key',
		{ resource: 'event', operation: 'create', key: '   ' },
		{},
		'Invalid "Key": is required [item 0]',
	],
	[
		'experience create without a name',
		{ resource: 'experience', operation: 'create', name: EMPTY, experienceType: 'AB_TEST' },
		{},
		'Invalid "Name": is required [item 0]',
	],
	[
		'experience delete with 23 characters instead of 24',
		{
			resource: 'experience',
			operation: 'delete',
			experienceId: h.byId(`={{ "${EXPERIENCE.slice(1)}" }}`),
		},
		{},
		'Invalid "Experience": must be an experience UID: a 24-character hexadecimal UID such as 65a1b2c3d4e5f60718293a4b [item 0]',
	],
	[
		'audience rule on a custom attribute that was not picked',
		rule({ attributeType: 'custom', customAttribute: '', condition: 'IS_TRUE' }),
		{},
		'Invalid "Rules › Rule entry 1 › Attribute Name or ID": is required: choose an attribute [item 0]',
	],
	[
		'audience number rule with a word',
		rule({
			attributeType: 'custom',
			customAttribute: TIER,
			condition: 'NUMBER_GREATER_THAN',
			value: 'many',
		}),
		{},
		'Invalid "Rules › Rule entry 1 › Value": must be a number for "Number Greater Than", e.g. 3 (got "many") [item 0]',
	],
	[
		'audience text rule without a value',
		rule({
			attributeType: 'preset',
			presetAttribute: 'COUNTRY',
			condition: 'STRING_EQUALS',
			value: '',
		}),
		{},
		'Invalid "Rules › Rule entry 1 › Value": is required for "Equals" [item 0]',
	],
	[
		'audience builder without rules',
		{
			resource: 'audience',
			operation: 'create',
			name: 'Audience',
			definitionInput: 'builder',
			rules: {},
		},
		{},
		'Invalid "Definition › Rule": needs at least one rule [item 0]',
	],
	[
		'audience JSON that does not parse',
		json('{"__type": "RuleCombination",'),
		{},
		/^Invalid "Definition \(JSON\)": not valid JSON \(.*\[item 0\]$/,
	],
	[
		'audience JSON without a RuleCombination on top',
		json({ __type: 'Rule', rules: [] }),
		{},
		'Invalid "Definition › Type": must be "RuleCombination" (the top of a definition and every group) [item 0]',
	],
	[
		'audience JSON with an attribute key where its UID belongs',
		json({
			__type: 'RuleCombination',
			combinationType: 'AND',
			rules: [
				{
					__type: 'Rule',
					attribute: { __type: 'CustomAttributeReference', ref: 'loyalty_tier' },
					attributeMatchCondition: 'IS_TRUE',
				},
			],
		}),
		{},
		'Invalid "Definition › Rule entry 1 › Attribute › Reference": must be the attribute\'s UID (24 hexadecimal characters), not its key [item 0]',
	],
	[
		'audience JSON with an unknown reference type, nested',
		json({
			__type: 'RuleCombination',
			combinationType: 'OR',
			rules: [{ __type: 'RuleCombination', combinationType: 'XOR', rules: [{ __type: 'Rule' }] }],
		}),
		{},
		'Invalid "Definition › Rule entry 1": must be a Rule or a RuleCombination (see "__type") [item 0]',
	],
	[
		'A/B traffic that adds up to 90',
		ab([
			{ name: 'A', traffic: 60 },
			{ name: 'B', traffic: 30 },
		]),
		{},
		'Invalid "Variants › Traffic (%)": must add up to 100 (they add up to 90) [item 0]',
	],
	[
		'A/B traffic above 100',
		ab([
			{ name: 'A', traffic: 120 },
			{ name: 'B', traffic: -20 },
		]),
		{},
		'Invalid "Variant entry 1 › Traffic (%)": must be between 0 and 100 [item 0]',
	],
	[
		'an active A/B test with one variant',
		ab([{ name: 'Only', traffic: 100 }], { status: 'ACTIVE' }),
		{},
		'Invalid "Variant": an A/B test needs at least 2 variants to be active [item 0]',
	],
	[
		'a variant without a name',
		ab([
			{ name: '', traffic: 50 },
			{ name: 'B', traffic: 50 },
		]),
		{},
		'Invalid "Variant entry 1 › Name": is required [item 0]',
	],
	[
		'a segmented variant without audiences',
		version({
			status: 'DRAFT',
			variantType: 'SEGMENTED',
			segmentedVariants: {
				variant: [
					{ name: 'Gold', audiences: [GOLD], combination: 'OR' },
					{ name: 'Nobody', audiences: [], combination: 'OR' },
				],
			},
		}),
		{},
		'Invalid "Variant entry 2 › Audience Names or IDs": needs at least one audience [item 0]',
	],
	[
		'a metric whose event is a key, not a UID',
		ab(
			[
				{ name: 'A', traffic: 50 },
				{ name: 'B', traffic: 50 },
			],
			{ metrics: { metric: [{ name: 'Buys', event: 'purchase' }] } },
		),
		{},
		'Invalid "Metric entry 1 › Event Name or ID": must be an event UID: a 24-character hexadecimal UID such as 65a1b2c3d4e5f60718293a4b [item 0]',
	],
	[
		'a version ID that is not one',
		{
			...ab([
				{ name: 'A', traffic: 50 },
				{ name: 'B', traffic: 50 },
			]),
			versionId: 'latest',
		},
		{},
		'Invalid "Version": must be a version UID: a 24-character hexadecimal UID such as 65a1b2c3d4e5f60718293a4b [item 0]',
	],
	[
		'version JSON mixing segmented and A/B variants',
		{
			...version({}),
			versionInput: 'json',
			versionJson: JSON.stringify({
				status: 'DRAFT',
				variants: [
					{ __type: 'ABTestVariant', name: 'A', trafficDistribution: 100 },
					{
						__type: 'SegmentedVariant',
						name: 'S',
						audiences: [GOLD],
						audienceCombinationType: 'OR',
					},
				],
			}),
		},
		{},
		'Invalid "Variant": must all be of one type (SegmentedVariant or ABTestVariant) [item 0]',
	],
	[
		'version JSON with an unknown status',
		{ ...version({}), versionInput: 'json', versionJson: '{"status":"LIVE","variants":[]}' },
		{},
		'Invalid "Status": must be one of: DRAFT, ACTIVE, PAUSED [item 0]',
	],
	[
		'a priority order that names an experience twice',
		{
			resource: 'experiencePriority',
			operation: 'update',
			orderInput: 'uids',
			experienceUids: `${EXPERIENCE}, ${EXPERIENCE}`,
		},
		{},
		`Invalid "Priority Order entry 2": lists ${EXPERIENCE} twice [item 0]`,
	],
	[
		'a priority order with a name instead of a UID',
		{
			resource: 'experiencePriority',
			operation: 'update',
			orderInput: 'list',
			priorityOrder: { experience: [{ uid: 'Homepage hero' }] },
		},
		{},
		'Invalid "Priority Order entry 1": must be an experience UID: a 24-character hexadecimal UID such as 65a1b2c3d4e5f60718293a4b [item 0]',
	],
	[
		'an empty priority order',
		{ resource: 'experiencePriority', operation: 'update', orderInput: 'uids', experienceUids: '' },
		{},
		'Invalid "Priority Order": needs at least one experience [item 0]',
	],
	[
		'project create without a name',
		{ resource: 'project', operation: 'create', name: EMPTY },
		{},
		'Invalid "Name": is required [item 0]',
	],
	[
		'project delete with a name instead of a UID',
		{ resource: 'project', operation: 'delete', projectId: 'Sandbox website' },
		{},
		'Invalid "Project UID": must be a project UID: a 24-character hexadecimal UID such as 65a1b2c3d4e5f60718293a4b [item 0]',
	],
	[
		'visitor attributes for a UID with a space',
		{
			resource: 'visitor',
			operation: 'setAttributes',
			userUid: 'visitor 7',
			attributes: { attribute: [{ key: 'a', type: 'string', value: 'b' }] },
		},
		{},
		'Invalid "User UID": must be a visitor UID: up to 256 visible characters, no spaces [item 0]',
	],
	[
		'visitor attributes: none given',
		{ resource: 'visitor', operation: 'setAttributes', userUid: 'v-1', attributes: {} },
		{},
		'Invalid "Attributes": needs at least one attribute [item 0]',
	],
	[
		'visitor attributes: one without a key',
		{
			resource: 'visitor',
			operation: 'setAttributes',
			userUid: 'v-1',
			attributes: { attribute: [{ key: ' ', type: 'string', value: 'b' }] },
		},
		{},
		'Invalid "Attributes": every attribute needs a key [item 0]',
	],
	[
		'visitor attributes JSON with a nested object',
		{
			resource: 'visitor',
			operation: 'setAttributes',
			userUid: 'v-1',
			attributesInput: 'json',
			attributesJson: '{"address":{"city":"Munich"}}',
		},
		{},
		'Invalid "Attributes › address": must be text, a number, true/false or null [item 0]',
	],
	[
		'merging a visitor into itself',
		{ resource: 'visitor', operation: 'mergeUsers', sourceUserUid: 'v-1', targetUserUid: 'v-1' },
		{},
		'Invalid "Target User UID": must differ from the Source User UID [item 0]',
	],
	[
		'tracking an unknown event type',
		{
			resource: 'visitor',
			operation: 'trackEvents',
			userUid: 'v-1',
			eventsInput: 'json',
			eventsJson: '[{"type":"CLICK"}]',
		},
		{},
		'Invalid "Event entry 1 › Type": must be IMPRESSION or EVENT [item 0]',
	],
	[
		'tracking an impression without its variant',
		{
			resource: 'visitor',
			operation: 'trackEvents',
			userUid: 'v-1',
			impressions: { impression: [{ experienceShortUid: '0', variantShortUid: '' }] },
		},
		{},
		'Invalid "Event entry 1 › Variant Short UID": is required [item 0]',
	],
	[
		'tracking nothing',
		{ resource: 'visitor', operation: 'trackEvents', userUid: 'v-1' },
		{},
		'Invalid "Event": needs at least one impression or event [item 0]',
	],
	[
		'manifest with live attributes that are a list',
		{ resource: 'visitor', operation: 'getManifest', options: { liveAttributes: '[1, 2]' } },
		{},
		'Invalid "Live Attributes (JSON)": must be a JSON object [item 0]',
	],
	// Issue 9, section 2: match options per condition, audiences by form, status of a new version.
	[
		'audience JSON: JSON_MATCH with StringMatchOptions (the old default example)',
		json({
			__type: 'RuleCombination',
			combinationType: 'AND',
			rules: [
				{
					__type: 'Rule',
					attribute: { __type: 'PresetAttributeReference', ref: 'QUERY_PARAMETERS' },
					attributeMatchCondition: 'JSON_MATCH',
					attributeMatchOptions: { __type: 'StringMatchOptions', value: 'utm_campaign=summer' },
					invertCondition: false,
				},
			],
		}),
		{},
		/^Invalid "Definition › Rule entry 1 › Match Options": JSON_MATCH needs \{ "__type": "JSONMatchOptions".*\[item 0\]$/,
	],
	[
		'audience JSON: JSON_MATCH whose nested options do not fit its condition',
		json({
			__type: 'RuleCombination',
			combinationType: 'AND',
			rules: [
				{
					__type: 'Rule',
					attribute: { __type: 'PresetAttributeReference', ref: 'QUERY_PARAMETERS' },
					attributeMatchCondition: 'JSON_MATCH',
					attributeMatchOptions: {
						__type: 'JSONMatchOptions',
						pointer: '/utm_source',
						matchCondition: 'NUMBER_EQUAL_TO',
						matchOptions: { __type: 'StringMatchOptions', value: 'x' },
						invertCondition: false,
					},
				},
			],
		}),
		{},
		'Invalid "Definition › Rule entry 1 › Match Options › Match Options": NUMBER_EQUAL_TO needs { "__type": "NumberMatchOptions", "value": a number } [item 0]',
	],
	[
		'audience JSON: BETWEEN_TIME with a time zone in the start time',
		json({
			__type: 'RuleCombination',
			combinationType: 'AND',
			rules: [
				{
					__type: 'Rule',
					attribute: { __type: 'PresetAttributeReference', ref: 'DATE_AND_TIME' },
					attributeMatchCondition: 'BETWEEN_TIME',
					attributeMatchOptions: {
						__type: 'DateTimeMatchOptions',
						startTime: '2024-11-29T00:00:00Z',
						endTime: '2024-11-29T23:59:59',
						useVisitorTimezone: true,
					},
				},
			],
		}),
		{},
		'Invalid "Definition › Rule entry 1 › Match Options › Start Time": must be a local date and time such as 2024-11-29T00:00:00 (no time zone) [item 0]',
	],
	[
		'audience builder: a date/time range that ends before it starts',
		rule({
			attributeType: 'preset',
			presetAttribute: 'DATE_AND_TIME',
			condition: 'BETWEEN_TIME',
			startTime: '2024-11-30T00:00:00',
			endTime: '2024-11-29T00:00:00',
			useVisitorTimezone: false,
		}),
		{},
		'Invalid "Rules › Rule entry 1 › Time To": must be after Time From [item 0]',
	],
	[
		'audience builder: a date/time with a time zone',
		rule({
			attributeType: 'preset',
			presetAttribute: 'DATE_AND_TIME',
			condition: 'BETWEEN_TIME',
			startTime: '2024-11-29T00:00:00Z',
			endTime: '2024-11-29T23:59:59',
		}),
		{},
		'Invalid "Rules › Rule entry 1 › Time From": must be a local date and time such as 2024-11-29T00:00:00, without time zone (got "2024-11-29T00:00:00Z") [item 0]',
	],
	[
		'audience builder: a custom attribute given by its key (expression) instead of its ID',
		rule({
			attributeType: 'custom',
			customAttribute: '={{ "loyalty_tier" }}',
			condition: 'STRING_EQUALS',
			value: 'gold',
		}),
		{},
		'Invalid "Rules › Rule entry 1 › Attribute Name or ID": must be an attribute ID (24 hexadecimal characters, e.g. 65a1b2c3d4e5f60718293a4b), not its key (got "loyalty_tier") [item 0]',
	],
	[
		'audience builder: a query parameter rule without the parameter',
		rule({
			attributeType: 'preset',
			presetAttribute: 'QUERY_PARAMETERS',
			queryParameter: ' ',
			condition: 'STRING_EQUALS',
			value: 'x',
		}),
		{},
		'Invalid "Rules › Rule entry 1 › Attribute URL Parameter": is required [item 0]',
	],
	[
		'audience builder: Between Times on a country',
		rule({ attributeType: 'preset', presetAttribute: 'COUNTRY', condition: 'BETWEEN_TIME' }),
		{},
		'Invalid "Rules › Rule entry 1 › Condition": Between Times works on the attribute Date and Time only [item 0]',
	],
	[
		'audience builder: an unknown condition via expression',
		rule({
			attributeType: 'preset',
			presetAttribute: 'COUNTRY',
			condition: '={{ "STRING_STARTS_WITH" }}',
			value: 'D',
		}),
		{},
		/^Invalid "Rules › Rule entry 1 › Condition": must be one of: Between Times, Contains, .* \(got "STRING_STARTS_WITH"\).*\[item 0\]$/,
	],
	[
		'audience builder: an unknown preset via expression',
		rule({
			attributeType: 'preset',
			presetAttribute: '={{ "WEATHER" }}',
			condition: 'STRING_EQUALS',
			value: 'sunny',
		}),
		{},
		/^Invalid "Rules › Rule entry 1 › Attribute Name": must be one of: City, Country, .*\(got "WEATHER"\).*\[item 0\]$/,
	],
	[
		'a Lytics audience ID in the audiences of version JSON',
		{
			...version({}),
			versionInput: 'json',
			versionJson: JSON.stringify({
				status: 'DRAFT',
				variants: [
					{
						__type: 'SegmentedVariant',
						name: 'S',
						audiences: ['0123456789abcdef0123456789abcdef'],
						lyticsAudiences: [],
						audienceCombinationType: 'OR',
					},
				],
			}),
		},
		{},
		'Invalid "Variant entry 1 › Audiences entry 1": 0123456789abcdef0123456789abcdef is a Lytics audience (32 hexadecimal characters): it belongs in lyticsAudiences [item 0]',
	],
	[
		'a Lytics audience picked for A/B targeting',
		ab(
			[
				{ name: 'A', traffic: 50 },
				{ name: 'B', traffic: 50 },
			],
			{ targeting: { audiences: ['0123456789abcdef0123456789abcdef'] } },
		),
		{},
		'Invalid "Targeting › Audience Names or IDs": 0123456789abcdef0123456789abcdef is a Lytics audience: A/B targeting takes Personalize audiences only [item 0]',
	],
	[
		'version JSON: create with status PAUSED',
		{
			...version({}),
			operation: 'create',
			versionInput: 'json',
			versionJson: JSON.stringify({
				status: 'PAUSED',
				variants: [{ __type: 'ABTestVariant', name: 'A', trafficDistribution: 100 }],
			}),
		},
		{},
		'Invalid "Status": a new version cannot be created paused: choose Draft or Active [item 0]',
	],
	[
		'version: an unknown status via expression',
		version({
			status: '={{ "LIVE" }}',
			variantType: 'AB_TEST',
			variantSplit: 'EQUALLY_SPLIT',
			abVariants: { variant: [{ name: 'A' }, { name: 'B' }] },
		}),
		{},
		'Invalid "Status": must be one of: DRAFT, ACTIVE, PAUSED [item 0]',
	],
	[
		'version: an unknown experience type via expression',
		version({ status: 'DRAFT', variantType: '={{ "MULTIVARIATE" }}' }),
		{},
		'Invalid "Experience Type": must be one of: Segmented, A/B Test, Same as the Experience (got "MULTIVARIATE") [item 0]',
	],
	// Issue 9, section 4: header values, numbers, unsafe keys.
	[
		'manifest: a Page URL with a line break',
		{
			resource: 'visitor',
			operation: 'getManifest',
			options: { pageUrl: '={{ "https://shop.example/\\r\\nx-injected: 1" }}' },
		},
		{},
		'Invalid "Page URL": contains a line break or another control character, which an HTTP header cannot carry [item 0]',
	],
	[
		'manifest: an IP address with a trailing CR/LF',
		{
			resource: 'visitor',
			operation: 'getManifest',
			options: { ipAddress: '={{ "203.0.113.7\\r\\n" }}' },
		},
		{},
		'Invalid "IP Address": contains a line break or another control character, which an HTTP header cannot carry [item 0]',
	],
	[
		'manifest: a visitor UID with a trailing line feed',
		{ resource: 'visitor', operation: 'getManifest', userUid: '={{ "visitor-7\\n" }}' },
		{},
		'Invalid "User UID": contains a line break or another control character, which an HTTP header cannot carry [item 0]',
	],
	[
		'set attributes: a visitor UID with CR/LF',
		{
			resource: 'visitor',
			operation: 'setAttributes',
			userUid: '={{ "v-1\\r\\n" }}',
			attributes: { attribute: [{ key: 'a', type: 'string', value: 'b' }] },
		},
		{},
		'Invalid "User UID": contains a line break or another control character, which an HTTP header cannot carry [item 0]',
	],
	[
		'manifest: a Lytics ID value without its field',
		{ resource: 'visitor', operation: 'getManifest', options: { lyticsIdValue: 'seer-1' } },
		{},
		'Invalid "Lytics ID Field": is required with the other Lytics ID option (the Edge SDK sends both or neither) [item 0]',
	],
	[
		'manifest: a Lytics ID field with a line break',
		{
			resource: 'visitor',
			operation: 'getManifest',
			options: { lyticsIdField: '={{ "_uid\\r\\n" }}', lyticsIdValue: 'seer-1' },
		},
		{},
		'Invalid "Lytics ID Field": contains a line break or another control character, which an HTTP header cannot carry [item 0]',
	],
	[
		'manifest: more than the documented 10 tags',
		{ resource: 'visitor', operation: 'getManifest', options: { tags: 'a,b,c,d,e,f,g,h,i,j,k' } },
		{},
		'Invalid "Tags": at most 10 tags (got 11) [item 0]',
	],
	[
		'geolocation: a query parameter named __proto__',
		{
			resource: 'geolocation',
			operation: 'getCountries',
			returnAll: true,
			query: { parameter: [{ name: '__proto__', value: 'x' }] },
		},
		{},
		'Invalid "Query Parameters": the key "__proto__" (at __proto__) is not allowed [item 0]',
	],
	[
		'Get Many with Limit -1',
		{ resource: 'attribute', operation: 'getAll', returnAll: false, limit: -1 },
		{},
		'Invalid "Limit": must be a whole number at least 1 (got -1) [item 0]',
	],
	[
		'Get Many with Limit 0',
		{ resource: 'experience', operation: 'getAll', returnAll: false, limit: 0 },
		{},
		'Invalid "Limit": must be a whole number at least 1 (got 0) [item 0]',
	],
	[
		'track events with Batch Size 0',
		{
			resource: 'visitor',
			operation: 'trackEvents',
			userUid: 'v-1',
			events: { event: [{ eventKey: 'purchase' }] },
			options: { batchSize: 0 },
		},
		{},
		'Invalid "Batch Size": must be a whole number at least 1 (got 0) [item 0]',
	],
	[
		'track events with a fractional Batch Size',
		{
			resource: 'visitor',
			operation: 'trackEvents',
			userUid: 'v-1',
			events: { event: [{ eventKey: 'purchase' }] },
			options: { batchSize: 2.5 },
		},
		{},
		'Invalid "Batch Size": must be a whole number at least 1 (got 2.5) [item 0]',
	],
	[
		'audience JSON with a __proto__ key',
		json('{"__type":"RuleCombination","combinationType":"AND","rules":[],"__proto__":{"x":1}}'),
		{},
		'Invalid "Definition (JSON)": the key "__proto__" (at __proto__) is not allowed [item 0]',
	],
	[
		'visitor attributes JSON with a constructor key',
		{
			resource: 'visitor',
			operation: 'setAttributes',
			userUid: 'v-1',
			attributesInput: 'json',
			attributesJson: '{"constructor":{"prototype":{"x":1}}}',
		},
		{},
		'Invalid "Attributes (JSON)": the key "constructor" (at constructor) is not allowed [item 0]',
	],
	[
		'version JSON with a __proto__ key in a variant',
		{
			...version({}),
			versionInput: 'json',
			versionJson:
				'{"status":"DRAFT","variants":[{"__type":"ABTestVariant","name":"A","trafficDistribution":100,"__proto__":{"x":1}}]}',
		},
		{},
		'Invalid "Version (JSON)": the key "__proto__" (at variants[0].__proto__) is not allowed [item 0]',
	],
	[
		'visitor attributes: an attribute key __proto__ typed in the fields',
		{
			resource: 'visitor',
			operation: 'setAttributes',
			userUid: 'v-1',
			attributes: { attribute: [{ key: '={{ "__proto__" }}', type: 'string', value: 'x' }] },
		},
		{},
		'Invalid "Attributes": the key "__proto__" (at __proto__) is not allowed [item 0]',
	],
	[
		'track events JSON with a __proto__ key',
		{
			resource: 'visitor',
			operation: 'trackEvents',
			userUid: 'v-1',
			eventsInput: 'json',
			eventsJson: '[{"type":"EVENT","eventKey":"a","__proto__":{"x":1}}]',
		},
		{},
		'Invalid "Events (JSON)": the key "__proto__" (at [0].__proto__) is not allowed [item 0]',
	],
	[
		'manifest live attributes with a __proto__ key',
		{
			resource: 'visitor',
			operation: 'getManifest',
			options: { liveAttributes: '{"__proto__":{"admin":true}}' },
		},
		{},
		'Invalid "Live Attributes (JSON)": the key "__proto__" (at __proto__) is not allowed [item 0]',
	],
	[
		'A/B targeting JSON with a __proto__ key',
		ab(
			[
				{ name: 'A', traffic: 50 },
				{ name: 'B', traffic: 50 },
			],
			{ targeting: { json: '{"target":{"__proto__":{"x":1}}}' } },
		),
		{},
		'Invalid "Targeting (JSON)": the key "__proto__" (at target.__proto__) is not allowed [item 0]',
	],
];

describe.each(CASES)('%s', (_name, parameters, options, expected, sent = []) => {
	test('is refused with the field and the item named, and nothing is sent for it', async () => {
		const { status, error } = await h.run(sandbox, parameters, {
			...options,
			credentials: h.loginData(sandbox),
		});
		expect(status).toBe('error');
		if (expected instanceof RegExp) expect(error.message).toMatch(expected);
		else expect(error.message).toBe(expected);
		expect(h.calls(sandbox)).toEqual(sent);
	});
});

test('every problem of an item is listed in the description', async () => {
	const { error } = await h.run(
		sandbox,
		ab([
			{ name: '', traffic: 150 },
			{ name: 'B', traffic: 50 },
		]),
	);
	expect(error.message).toBe('Invalid "Variant entry 1 › Name": is required [item 0]');
	expect(error.description).toBe(
		'All problems: "Variant entry 1 › Name": is required; "Variant entry 1 › Traffic (%)": must be between 0 and 100; "Variants › Traffic (%)": must add up to 100 (they add up to 200)',
	);
	expect(sandbox.requests).toEqual([]);
});

test('Continue On Fail: each bad item is its own error item, the good ones are sent', async () => {
	const items = [{ key: 'plan' }, { key: '' }, { key: 'region_code' }];
	const { items: output } = await h.run(
		sandbox,
		{ resource: 'attribute', operation: 'create', name: 'Attribute', key: '={{ $json.key }}' },
		{ items, continueOnFail: true },
	);
	expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(output[1].json).toEqual({ error: 'Invalid "Key": is required [item 1]' });
	expect(output.filter((item) => item.json.uid)).toHaveLength(2);
	expect(sandbox.requests.map((request) => request.method)).toEqual(['POST', 'POST']);
});

test('Continue On Fail with Batch Size 0: every item gets the error, paired, and nothing is sent', async () => {
	const parameters = {
		resource: 'visitor',
		operation: 'trackEvents',
		userUid: '={{ $json.user }}',
		events: { event: [{ eventKey: 'purchase' }] },
		options: { batchSize: 0 },
	};
	const { status, items } = await h.run(sandbox, parameters, {
		items: [{ user: 'v-1' }, { user: 'v-2' }],
		continueOnFail: true,
	});
	expect(status).toBe('success');
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(items.map((item) => item.json.error)).toEqual(
		Array(2).fill('Invalid "Batch Size": must be a whole number at least 1 (got 0) [item 0]'),
	);
	expect(sandbox.requests).toEqual([]);
});
