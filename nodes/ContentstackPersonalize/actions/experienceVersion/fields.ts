import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	entryLabel,
	invalidInput,
	parseJsonParameter,
	toList,
	validateInput,
} from '../../../common/validation';
import type { VersionBody } from '../../schemas';
import { isLyticsAudience, LABELS, versionSchema } from '../../schemas';
import { EXPERIENCE_TYPE_OPTIONS } from '../experience/resource';
import { defaultByVersion } from '../shared/nodeVersion';

/**
 * A version body (create and update send the whole version): its status, variants (segmented:
 * audiences; A/B: traffic percentages that must add up to 100), A/B metrics and targeting. Given
 * with fields or as JSON; both are validated against the version rules before anything is sent.
 */
const OPERATIONS = ['create', 'update'];
const base = { resource: ['experienceVersion'], operation: OPERATIONS };
const fromFields = { ...base, versionInput: ['fields'] };
const abTest = { ...fromFields, variantType: ['AB_TEST'] };
/** Type "Same as the Experience": one variant list, and the A/B fields (used for A/B tests only). */
const FROM_EXPERIENCE = 'fromExperience';
const abOrEither = { ...fromFields, variantType: ['AB_TEST', FROM_EXPERIENCE] };

export const STATUS_OPTIONS = [
	{
		name: 'Active',
		value: 'ACTIVE',
		description: 'Live; archives the version that was active before',
	},
	{ name: 'Draft', value: 'DRAFT', description: 'Only one draft can exist per experience' },
	{ name: 'Paused', value: 'PAUSED', description: 'Stopped; cannot go back to draft' },
];
/** A new version is a draft or goes live (the docs); pausing is a change of an existing version. */
const CREATE_STATUS_OPTIONS = STATUS_OPTIONS.filter((option) => option.value !== 'PAUSED');

const audiencesOption: INodeProperties = {
	displayName: 'Audience Names or IDs',
	name: 'audiences',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getAudiences' },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: 'Personalize and Lytics audiences can be mixed, e.g. a Lytics audience ID such as 0123456789abcdef0123456789abcdef',
};

const combinationOption: INodeProperties = {
	displayName: 'Audience Combination',
	name: 'combination',
	type: 'options',
	options: [
		{ name: 'AND (In Every Audience)', value: 'AND' },
		{ name: 'OR (In Any Audience)', value: 'OR' },
	],
	default: 'OR',
};

const shortUidOption: INodeProperties = {
	displayName: 'Existing Variant ID',
	name: 'shortUid',
	type: 'string',
	default: '',
	placeholder: 'e.g. 0',
	description:
		"Leave empty for a new variant. To keep a variant and its content in the CMS when replacing a version, give its ID (the variant's shortUid in Get Many), e.g. 0 for the first variant; IDs are never reused.",
};

const VARIANT_TYPE_OPTIONS = [
	...EXPERIENCE_TYPE_OPTIONS,
	{
		name: 'Same as the Experience',
		value: FROM_EXPERIENCE,
		description:
			'Read from the chosen experience when the node runs; fields for one type only say so',
	},
].sort((a, b) => a.name.localeCompare(b.name));

const trafficOption: INodeProperties = {
	displayName: 'Traffic (%)',
	name: 'traffic',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
	default: 50,
	description: 'Share of the visitors who see this variant (Custom Percentages only)',
};

export const versionFields: INodeProperties[] = [
	{
		displayName: 'Define Version',
		name: 'versionInput',
		type: 'options',
		displayOptions: { show: base },
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{
				name: 'Using JSON',
				value: 'json',
				description: "The version in the API's format, e.g. from Get Many of another experience",
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		displayOptions: { show: { ...fromFields, operation: ['create'] } },
		options: CREATE_STATUS_OPTIONS,
		default: 'DRAFT',
		description:
			'A new version is a draft or goes live at once (archiving the active one). To pause a version, update it or use Pause.',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		displayOptions: { show: { ...fromFields, operation: ['update'] } },
		options: STATUS_OPTIONS,
		default: 'DRAFT',
		description: 'An active version is locked: to change it, pause it or create a new version',
	},
	// Version 1 nodes keep Segmented as the default; newer ones take the experience's own type.
	...defaultByVersion(
		{
			displayName: 'Experience Type',
			name: 'variantType',
			type: 'options',
			displayOptions: { show: fromFields },
			options: VARIANT_TYPE_OPTIONS,
			default: 'SEGMENTED',
			description: 'The type of the experience; its variants must be of this type',
		},
		'SEGMENTED',
		FROM_EXPERIENCE,
	),
	{
		displayName: 'Variants',
		name: 'variants',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { ...fromFields, variantType: [FROM_EXPERIENCE] } },
		default: {},
		placeholder: 'Add Variant',
		options: [
			{
				displayName: 'Variant',
				name: 'variant',
				values: [
					// In reading order: what it is called, who sees it (segmented) or how many (A/B).
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ ...audiencesOption, hint: 'Segmented experiences only' },
					{ ...combinationOption, hint: 'Segmented experiences only' },
					{ ...trafficOption, hint: 'A/B tests with Custom Percentages only' },
					shortUidOption,
				],
			},
		],
	},
	{
		displayName: 'Variants',
		name: 'segmentedVariants',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { ...fromFields, variantType: ['SEGMENTED'] } },
		default: {},
		placeholder: 'Add Variant',
		options: [
			{
				displayName: 'Variant',
				name: 'variant',
				values: [
					audiencesOption,
					combinationOption,
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					shortUidOption,
				],
			},
		],
	},
	{
		displayName: 'Traffic Split',
		name: 'variantSplit',
		type: 'options',
		displayOptions: { show: abOrEither },
		hint: 'A/B tests only',
		options: [
			{
				name: 'Custom Percentages',
				value: 'CUSTOM_PERCENTAGE',
				description: "Each variant's traffic; they must add up to 100",
			},
			{ name: 'Equal', value: 'EQUALLY_SPLIT', description: 'Every variant gets the same share' },
		],
		default: 'CUSTOM_PERCENTAGE',
	},
	{
		displayName: 'Variants',
		name: 'abVariants',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: abTest },
		default: {},
		placeholder: 'Add Variant',
		options: [
			{
				displayName: 'Variant',
				name: 'variant',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					shortUidOption,
					trafficOption,
				],
			},
		],
	},
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show: abOrEither },
		default: {},
		placeholder: 'Add Metric',
		description: 'The conversions the A/B test measures',
		options: [
			{
				displayName: 'Metric',
				name: 'metric',
				values: [
					{
						displayName: 'Event Name or ID',
						name: 'event',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getEvents' },
						default: '',
						description:
							'The event that counts as a conversion. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Targeting',
		name: 'targeting',
		type: 'collection',
		placeholder: 'Add Targeting',
		displayOptions: { show: abOrEither },
		default: {},
		description: 'Who takes part in the A/B test (everyone when empty)',
		options: [
			audiencesOption,
			combinationOption,
			{
				displayName: 'Targeting (JSON)',
				name: 'json',
				type: 'json',
				default: '{}',
				description:
					'Rules instead of the audiences above, e.g. { "target": { "__type": "RuleCombination", "combinationType": "AND", "rules": [] } }',
			},
		],
	},
	{
		displayName: 'Version (JSON)',
		name: 'versionJson',
		type: 'json',
		displayOptions: { show: { ...base, versionInput: ['json'] } },
		default:
			'{\n  "status": "DRAFT",\n  "variantSplit": "CUSTOM_PERCENTAGE",\n  "variants": [\n    { "__type": "ABTestVariant", "name": "Control", "trafficDistribution": 50 },\n    { "__type": "ABTestVariant", "name": "Variant B", "trafficDistribution": 50 }\n  ]\n}',
		description:
			'Status, variants, and optionally variantSplit, metrics and targeting, as the API takes them',
	},
];

interface VariantFields {
	name?: string;
	audiences?: string[] | string;
	combination?: string;
	shortUid?: string;
	traffic?: number | string;
}

/** 100 split into `count` whole shares that add up to 100 (e.g. 34, 33, 33). */
export function equalShares(count: number): number[] {
	const share = Math.floor(100 / count);
	return Array.from({ length: count }, (_, index) => share + (index < 100 - share * count ? 1 : 0));
}

/** Lytics audiences (32-hex) travel in lyticsAudiences; `audiences` takes only ObjectIds. */
export function splitAudiences(uids: string[]): { audiences: string[]; lyticsAudiences: string[] } {
	return {
		audiences: uids.filter((uid) => !isLyticsAudience(uid)),
		lyticsAudiences: uids.filter(isLyticsAudience),
	};
}

const optional = (value: unknown) =>
	value === '' || value === undefined ? undefined : String(value).trim();

function variantsFromFields(
	context: IExecuteFunctions,
	itemIndex: number,
	type: string,
	combined: boolean,
): IDataObject[] {
	const listed = (name: string) =>
		(context.getNodeParameter(
			combined ? 'variants.variant' : `${name}.variant`,
			itemIndex,
			[],
		) as VariantFields[]) ?? [];
	if (type === 'SEGMENTED') {
		const variants = listed('segmentedVariants');
		return variants.map((variant) => ({
			__type: 'SegmentedVariant',
			name: variant.name ?? '',
			...splitAudiences(toList(variant.audiences)),
			audienceCombinationType: variant.combination ?? 'OR',
			shortUid: optional(variant.shortUid),
		}));
	}
	const variants = listed('abVariants');
	// One list for both types: audiences on an A/B test would be dropped silently, so they are refused.
	const withAudiences = combined
		? variants.findIndex((variant) => toList(variant.audiences).length > 0)
		: -1;
	if (withAudiences >= 0)
		throw invalidInput(
			context.getNode(),
			`Variants › ${entryLabel('Variant', withAudiences)} › Audience Names or IDs`,
			itemIndex,
			'the experience is an A/B test, whose variants split the traffic instead of having audiences',
			'Remove the audiences, or give A/B test eligibility in Targeting.',
		);
	const equal =
		context.getNodeParameter('variantSplit', itemIndex, 'CUSTOM_PERCENTAGE') === 'EQUALLY_SPLIT';
	const shares = equalShares(Math.max(1, variants.length));
	return variants.map((variant, index) => ({
		__type: 'ABTestVariant',
		name: variant.name ?? '',
		trafficDistribution: equal ? shares[index] : Number(variant.traffic),
		shortUid: optional(variant.shortUid),
	}));
}

function targetingFromFields(
	context: IExecuteFunctions,
	itemIndex: number,
): IDataObject | undefined {
	const targeting = (context.getNodeParameter('targeting', itemIndex, {}) as IDataObject) ?? {};
	const json = parseJsonParameter(context.getNode(), targeting.json, 'Targeting (JSON)', itemIndex);
	if (json !== undefined && (typeof json !== 'object' || json === null || Array.isArray(json)))
		throw invalidInput(context.getNode(), 'Targeting (JSON)', itemIndex, 'must be a JSON object');
	if (json && Object.keys(json).length) return json as IDataObject;
	const audiences = toList(targeting.audiences);
	if (!audiences.length) return undefined;
	// Targeting is documented with `audiences` only; where Lytics audiences would go there is unknown.
	const lytics = audiences.find(isLyticsAudience);
	if (lytics)
		throw invalidInput(
			context.getNode(),
			'Targeting › Audience Names or IDs',
			itemIndex,
			`${lytics} is a Lytics audience: A/B targeting takes Personalize audiences only`,
			'Where Lytics audiences go in A/B targeting is not documented. Give the rule in Targeting (JSON) instead.',
		);
	return { audience: { audiences, audienceCombinationType: targeting.combination ?? 'OR' } };
}

/** The Experience Type an item asks for: Segmented, A/B Test, or the experience's own (`fromExperience`). */
export function chosenExperienceType(context: IExecuteFunctions, itemIndex: number): string {
	const type = context.getNodeParameter('variantType', itemIndex, 'SEGMENTED') as string;
	if (type !== 'SEGMENTED' && type !== 'AB_TEST' && type !== FROM_EXPERIENCE)
		throw invalidInput(
			context.getNode(),
			'Experience Type',
			itemIndex,
			`must be one of: Segmented, A/B Test, Same as the Experience (got ${JSON.stringify(type)})`,
		);
	return type;
}

export const sameAsExperience = (type: string) => type === FROM_EXPERIENCE;

function versionFromFields(
	context: IExecuteFunctions,
	itemIndex: number,
	experienceType: string | undefined,
): IDataObject {
	const chosen = chosenExperienceType(context, itemIndex);
	const combined = chosen === FROM_EXPERIENCE;
	const type = combined ? (experienceType ?? 'SEGMENTED') : chosen;
	const body: IDataObject = {
		status: context.getNodeParameter('status', itemIndex, 'DRAFT'),
		variants: variantsFromFields(context, itemIndex, type, combined),
	};
	if (type === 'AB_TEST') {
		body.variantSplit = context.getNodeParameter('variantSplit', itemIndex, 'CUSTOM_PERCENTAGE');
		const metrics =
			(context.getNodeParameter('metrics.metric', itemIndex, []) as IDataObject[]) ?? [];
		if (metrics.length)
			body.metrics = metrics.map((metric) => ({
				__type: 'Primary',
				name: metric.name ?? '',
				event: metric.event ?? '',
			}));
		const targeting = targetingFromFields(context, itemIndex);
		if (targeting) body.targeting = targeting;
	}
	return body;
}

/**
 * The version an item's parameters describe, validated; nothing is sent when it is invalid. With
 * Experience Type "Same as the Experience", `experienceType` is the experience's (read before).
 */
export function readVersionBody(
	context: IExecuteFunctions,
	itemIndex: number,
	experienceType?: string,
): VersionBody {
	const node = context.getNode();
	let body: unknown;
	const fromJson = context.getNodeParameter('versionInput', itemIndex, 'fields') === 'json';
	if (fromJson) {
		body = parseJsonParameter(
			node,
			context.getNodeParameter('versionJson', itemIndex, ''),
			'Version (JSON)',
			itemIndex,
		);
		if (!body || typeof body !== 'object' || Array.isArray(body))
			throw invalidInput(
				node,
				'Version (JSON)',
				itemIndex,
				'must be a JSON object with status and variants',
			);
	} else {
		body = versionFromFields(context, itemIndex, experienceType);
	}
	// Workflows saved before PAUSED left the create options may still hold it: say so, send nothing.
	if (
		context.getNodeParameter('operation', itemIndex) === 'create' &&
		(body as IDataObject).status === 'PAUSED'
	)
		throw invalidInput(
			node,
			'Status',
			itemIndex,
			'a new version cannot be created paused: choose Draft or Active',
			'Pausing changes an existing version: use Experience Version → Pause, or Update with the status Paused.',
		);
	return validateInput(node, versionSchema, body, itemIndex, fromJson ? LABELS : SCREEN_LABELS);
}

/** A version built with fields is checked under the names the editor shows for them. */
const SCREEN_LABELS = {
	...LABELS,
	audiences: 'Audience Names or IDs',
	lyticsAudiences: 'Audience Names or IDs',
	event: 'Event Name or ID',
};
