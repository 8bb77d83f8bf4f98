import { z } from 'zod';

import type { FieldLabels } from '../common/validation';

/**
 * What the Personalize API documents about its bodies, as zod schemas. Where the docs show a list
 * without saying it is complete (match conditions, preset attributes), the schema checks the form only.
 */

export const EXPERIENCE_TYPES = ['SEGMENTED', 'AB_TEST'] as const;
export const VERSION_STATUSES = ['DRAFT', 'ACTIVE', 'PAUSED'] as const;
export const COMBINATION_TYPES = ['AND', 'OR'] as const;
export const VARIANT_SPLITS = ['EQUALLY_SPLIT', 'CUSTOM_PERCENTAGE'] as const;
export const ATTRIBUTE_REFERENCE_TYPES = [
	'PresetAttributeReference',
	'CustomAttributeReference',
	'LyticsAttributeReference',
] as const;
/** Presets seen in the docs and the vendor's clients (COUNTRY and QUERY_PARAMETERS in examples); the list is not closed. */
export const PRESET_ATTRIBUTES = [
	'CITY',
	'COUNTRY',
	'DATE_AND_TIME',
	'DEVICE_TYPE',
	'OPERATING_SYSTEM',
	'QUERY_PARAMETERS',
	'REFERRER',
	'REGION',
] as const;
export const STRING_CONDITIONS = ['STRING_EQUALS', 'CONTAINS_SUBSTRING'] as const;
export const NUMBER_CONDITIONS = [
	'NUMBER_EQUAL_TO',
	'NUMBER_GREATER_THAN',
	'NUMBER_LESS_THAN',
] as const;
/** Conditions sent without match options (documented for HAS_ANY_VALUE, likely for IS_TRUE/IS_FALSE). */
export const VALUELESS_CONDITIONS = ['HAS_ANY_VALUE', 'IS_FALSE', 'IS_TRUE'] as const;

export const LABELS: FieldLabels = {
	name: 'Name',
	key: 'Key',
	description: 'Description',
	tags: 'Tags',
	__type: 'Type',
	definition: 'Definition',
	rules: 'Rule',
	combinationType: 'Combination',
	attribute: 'Attribute',
	ref: 'Reference',
	attributeMatchCondition: 'Match Condition',
	attributeMatchOptions: 'Match Options',
	invertCondition: 'Invert',
	pointer: 'Query Parameter',
	matchCondition: 'Match Condition',
	matchOptions: 'Match Options',
	startTime: 'Start Time',
	endTime: 'End Time',
	useVisitorTimezone: 'Use Visitor Time Zone',
	value: 'Value',
	status: 'Status',
	variants: 'Variant',
	variantTraffic: 'Variants › Traffic (%)',
	variantSplit: 'Traffic Split',
	trafficDistribution: 'Traffic (%)',
	audiences: 'Audiences',
	lyticsAudiences: 'Lytics Audiences',
	audienceCombinationType: 'Audience Combination',
	shortUid: 'Existing Variant ID',
	metrics: 'Metric',
	event: 'Event',
	targeting: 'Targeting',
	priorityOrder: 'Priority Order',
	uid: 'UID',
	attributeId: 'Attribute',
	eventId: 'Event',
	audienceId: 'Audience',
	experienceId: 'Experience',
	versionId: 'Version ID',
	projectId: 'Project UID',
	connectedStackApiKey: 'Connected Stack API Key',
	userUid: 'User UID',
	sourceUserUid: 'Source User UID',
	targetUserUid: 'Target User UID',
	attributes: 'Attributes',
	events: 'Event',
	type: 'Type',
	experienceShortUid: 'Experience Short UID',
	variantShortUid: 'Variant Short UID',
	eventKey: 'Event Key',
};

const OBJECT_ID = /^[0-9a-f]{24}$/i;
const LYTICS_ID = /^[0-9a-f]{32}$/i;
const UPPER_SNAKE = /^[A-Z][A-Z0-9_]*$/;
/** Visitor UIDs travel in a header: printable ASCII without spaces, so they cannot inject one. */
const HEADER_SAFE = /^[\x21-\x7e]{1,256}$/;

const text = (what = 'text') =>
	z.string({ required_error: 'is required', invalid_type_error: `must be ${what}` });
export const requiredText = text().trim().min(1, 'is required');
const optionalText = z
	.union([z.string({ invalid_type_error: 'must be text' }), z.null()])
	.optional()
	.transform((value) => (value === null ? undefined : value));

/** A 24-hex ObjectId, the form of every Personalize UID ("<uid> is not a valid ObjectId" otherwise). */
export const objectId = (what: string) =>
	text()
		.trim()
		.regex(
			OBJECT_ID,
			`must be ${what}: a 24-character hexadecimal UID such as 65a1b2c3d4e5f60718293a4b`,
		);

export const isLyticsAudience = (value: string) => LYTICS_ID.test(value.trim());

/**
 * `audiences` takes Personalize ObjectIds only (the API answers "<uid> is not a valid ObjectId");
 * audiences synced from Lytics (32-hex IDs) go in `lyticsAudiences` (@contentstack/cli-variants).
 */
export const audienceId = text()
	.trim()
	.refine(
		(value) => OBJECT_ID.test(value),
		(value) => ({
			message: LYTICS_ID.test(value)
				? `${value} is a Lytics audience (32 hexadecimal characters): it belongs in lyticsAudiences`
				: 'must be an audience UID (24 hexadecimal characters)',
		}),
	);

/** An audience to get, update or delete: listed audiences include Lytics ones (32-hex). */
export const anyAudienceId = text()
	.trim()
	.refine(
		(value) => OBJECT_ID.test(value) || LYTICS_ID.test(value),
		'must be an audience UID (24 hexadecimal characters, or 32 for a Lytics audience)',
	);

export const lyticsAudienceId = text()
	.trim()
	.regex(LYTICS_ID, 'must be a Lytics audience ID (32 hexadecimal characters)');

/** The same words as headerValue in nodes/common/validation.ts, for values checked by a schema. */
export const HEADER_CONTROL_MESSAGE =
	'contains a line break or another control character, which an HTTP header cannot carry';

/** CR, LF and the other control characters (a tab excepted), as headerValue refuses them. */
const hasControlCharacter = (value: string) =>
	[...value].some((character) => {
		const code = character.charCodeAt(0);
		return (code < 32 && code !== 9) || code === 127;
	});

export const visitorUid = text()
	// Checked before trimming: a trailing CR/LF is refused, never cut off silently.
	.refine((value) => !hasControlCharacter(value), HEADER_CONTROL_MESSAGE)
	.pipe(
		text()
			.trim()
			.regex(HEADER_SAFE, 'must be a visitor UID: up to 256 visible characters, no spaces'),
	);

// ---------------------------------------------------------------------------------------------
// Attributes, events, experiences

export const attributeSchema = z
	.object({ name: requiredText, key: requiredText, description: optionalText })
	.strict();

export const eventSchema = z.object({ key: requiredText, description: optionalText }).strict();

export const experienceSchema = z
	.object({
		name: requiredText,
		description: optionalText,
		__type: z.enum(EXPERIENCE_TYPES, {
			errorMap: () => ({ message: `must be one of: ${EXPERIENCE_TYPES.join(', ')}` }),
		}),
		tags: z.array(requiredText, { invalid_type_error: 'must be a list of texts' }).optional(),
	})
	.strict();

// ---------------------------------------------------------------------------------------------
// Audience definitions: RuleCombination { combinationType, rules: [Rule | RuleCombination] }

const matchOptions = z
	.object({ __type: requiredText, value: z.unknown().optional() })
	.passthrough();

/** A local date-time as the docs write it for DATE_AND_TIME rules: 2024-11-29T00:00:00, no zone. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

type Issue = (path: Array<string | number>, message: string) => void;

/**
 * The match options each condition takes (the docs' examples): text and number conditions a value
 * of that type; JSON_MATCH (query parameters) JSONMatchOptions, whose nested options follow the
 * same rules for its own condition; BETWEEN_TIME (date and time) DateTimeMatchOptions. Other
 * conditions (BEFORE_TIME, AFTER_TIME, Lytics) are not documented and pass as given.
 */
function checkMatchOptions(
	condition: string,
	options: unknown,
	path: Array<string | number>,
	issue: Issue,
): void {
	const object =
		options && typeof options === 'object' && !Array.isArray(options)
			? (options as Record<string, unknown>)
			: undefined;
	const needs = (type: string, check: (value: unknown) => boolean, what: string) => {
		if (!object || object.__type !== type || !check(object.value))
			issue(path, `${condition} needs { "__type": "${type}", "value": ${what} }`);
	};
	if ((STRING_CONDITIONS as readonly string[]).includes(condition))
		needs(
			'StringMatchOptions',
			(value) => typeof value === 'string' && value !== '',
			'a non-empty text',
		);
	else if ((NUMBER_CONDITIONS as readonly string[]).includes(condition))
		needs(
			'NumberMatchOptions',
			(value) => typeof value === 'number' && Number.isFinite(value),
			'a number',
		);
	else if (condition === 'JSON_MATCH') {
		const shape =
			'{ "__type": "JSONMatchOptions", "pointer": "/utm_campaign", "matchCondition": "STRING_EQUALS", "matchOptions": { "__type": "StringMatchOptions", "value": "…" }, "invertCondition": false }';
		if (!object || object.__type !== 'JSONMatchOptions')
			return issue(path, `JSON_MATCH needs ${shape}`);
		if (typeof object.pointer !== 'string' || !object.pointer.startsWith('/'))
			issue(
				[...path, 'pointer'],
				"must be a JSON pointer such as /utm_campaign (the query parameter's name after a slash)",
			);
		if (typeof object.matchCondition !== 'string' || !UPPER_SNAKE.test(object.matchCondition))
			return issue(
				[...path, 'matchCondition'],
				'must be a condition name in capitals, such as STRING_EQUALS',
			);
		if (object.invertCondition !== undefined && typeof object.invertCondition !== 'boolean')
			issue([...path, 'invertCondition'], 'must be true or false');
		if (['JSON_MATCH', 'BETWEEN_TIME'].includes(object.matchCondition))
			return issue(
				[...path, 'matchCondition'],
				`${object.matchCondition} cannot compare a query parameter`,
			);
		checkMatchOptions(object.matchCondition, object.matchOptions, [...path, 'matchOptions'], issue);
	} else if (condition === 'BETWEEN_TIME') {
		if (!object || object.__type !== 'DateTimeMatchOptions')
			return issue(
				path,
				'BETWEEN_TIME needs { "__type": "DateTimeMatchOptions", "startTime": "2024-11-29T00:00:00", "endTime": "2024-11-29T23:59:59", "useVisitorTimezone": true }',
			);
		for (const key of ['startTime', 'endTime'])
			if (typeof object[key] !== 'string' || !LOCAL_DATE_TIME.test(object[key] as string))
				issue(
					[...path, key],
					'must be a local date and time such as 2024-11-29T00:00:00 (no time zone)',
				);
		if (typeof object.useVisitorTimezone !== 'boolean')
			issue([...path, 'useVisitorTimezone'], 'must be true or false');
		if (
			typeof object.startTime === 'string' &&
			typeof object.endTime === 'string' &&
			object.startTime >= object.endTime
		)
			issue([...path, 'endTime'], 'must be after the start time');
	}
}

const ruleSchema = z
	.object({
		__type: z.literal('Rule'),
		attribute: z.object({
			__type: z.enum(ATTRIBUTE_REFERENCE_TYPES, {
				errorMap: () => ({ message: `must be one of: ${ATTRIBUTE_REFERENCE_TYPES.join(', ')}` }),
			}),
			ref: requiredText,
		}),
		attributeMatchCondition: text()
			.trim()
			.regex(UPPER_SNAKE, 'must be a condition name in capitals, such as STRING_EQUALS'),
		attributeMatchOptions: matchOptions.optional(),
		invertCondition: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
	})
	.passthrough()
	.superRefine((rule, context) => {
		const { attribute, attributeMatchCondition: condition, attributeMatchOptions: options } = rule;
		if (attribute.__type === 'CustomAttributeReference' && !OBJECT_ID.test(attribute.ref))
			context.addIssue({
				code: 'custom',
				path: ['attribute', 'ref'],
				message: "must be the attribute's UID (24 hexadecimal characters), not its key",
			});
		if (attribute.__type === 'PresetAttributeReference' && !UPPER_SNAKE.test(attribute.ref))
			context.addIssue({
				code: 'custom',
				path: ['attribute', 'ref'],
				message: `must be a preset such as ${PRESET_ATTRIBUTES.join(', ')}`,
			});
		checkMatchOptions(condition, options, ['attributeMatchOptions'], (path, message) =>
			context.addIssue({ code: 'custom', path, message }),
		);
	});

export type RuleNode = z.infer<typeof ruleSchema> | RuleCombination;
export interface RuleCombination {
	__type: 'RuleCombination';
	combinationType: (typeof COMBINATION_TYPES)[number];
	rules: RuleNode[];
}

export const ruleCombinationSchema: z.ZodType<RuleCombination> = z.lazy(() =>
	z
		.object({
			__type: z.literal('RuleCombination', {
				errorMap: () => ({
					message: 'must be "RuleCombination" (the top of a definition and every group)',
				}),
			}),
			combinationType: z.enum(COMBINATION_TYPES, {
				errorMap: () => ({ message: 'must be AND or OR' }),
			}),
			rules: z
				.array(
					z.union([ruleSchema, ruleCombinationSchema], {
						errorMap: (issue, ctx) =>
							issue.code === 'invalid_union'
								? { message: 'must be a Rule or a RuleCombination (see "__type")' }
								: { message: ctx.defaultError },
					}),
					{ required_error: 'is required', invalid_type_error: 'must be a list' },
				)
				.min(1, 'needs at least one rule'),
		})
		.passthrough(),
) as z.ZodType<RuleCombination>;

export const audienceSchema = z
	.object({ name: requiredText, description: optionalText, definition: ruleCombinationSchema })
	.strict();

// ---------------------------------------------------------------------------------------------
// Experience versions

const shortUid = z
	.string({ invalid_type_error: 'must be text' })
	.trim()
	.min(1, 'must not be empty')
	.optional();

const segmentedVariant = z
	.object({
		__type: z.literal('SegmentedVariant'),
		name: requiredText,
		audiences: z
			.array(audienceId, { invalid_type_error: 'must be a list of audience UIDs' })
			.default([]),
		lyticsAudiences: z
			.array(lyticsAudienceId, { invalid_type_error: 'must be a list of Lytics audience IDs' })
			.default([]),
		audienceCombinationType: z.enum(COMBINATION_TYPES, {
			errorMap: () => ({ message: 'must be AND or OR' }),
		}),
		target: ruleCombinationSchema.optional(),
		shortUid,
	})
	.passthrough();

const abTestVariant = z
	.object({
		__type: z.literal('ABTestVariant'),
		name: requiredText,
		trafficDistribution: z
			.number({ required_error: 'is required', invalid_type_error: 'must be a number' })
			.min(0, 'must be between 0 and 100')
			.max(100, 'must be between 0 and 100'),
		shortUid,
	})
	.passthrough();

const variantSchema = z.discriminatedUnion('__type', [segmentedVariant, abTestVariant], {
	errorMap: (issue, ctx) =>
		issue.code === 'invalid_union_discriminator'
			? { message: 'must have "__type" SegmentedVariant or ABTestVariant' }
			: { message: ctx.defaultError },
});

const metricSchema = z
	.object({
		__type: requiredText.default('Primary'),
		name: requiredText,
		event: objectId('an event UID'),
	})
	.passthrough();

export const versionSchema = z
	.object({
		status: z.enum(VERSION_STATUSES, {
			errorMap: () => ({ message: `must be one of: ${VERSION_STATUSES.join(', ')}` }),
		}),
		variants: z.array(variantSchema, {
			required_error: 'is required',
			invalid_type_error: 'must be a list of variants',
		}),
		variantSplit: z
			.enum(VARIANT_SPLITS, {
				errorMap: () => ({ message: `must be one of: ${VARIANT_SPLITS.join(', ')}` }),
			})
			.optional(),
		metrics: z.array(metricSchema, { invalid_type_error: 'must be a list' }).optional(),
		targeting: z.record(z.unknown(), { invalid_type_error: 'must be a JSON object' }).optional(),
	})
	.passthrough()
	.superRefine((version, context) => {
		const types = new Set(version.variants.map((variant) => variant.__type));
		if (types.size > 1) {
			context.addIssue({
				code: 'custom',
				path: ['variants'],
				message: 'must all be of one type (SegmentedVariant or ABTestVariant)',
			});
			return;
		}
		version.variants.forEach((variant, index) => {
			if (
				variant.__type === 'SegmentedVariant' &&
				variant.audiences.length + variant.lyticsAudiences.length === 0 &&
				!variant.target
			)
				context.addIssue({
					code: 'custom',
					path: ['variants', index, 'audiences'],
					message: 'needs at least one audience',
				});
		});
		const abTest = types.has('ABTestVariant');
		if (abTest && version.variantSplit !== 'EQUALLY_SPLIT' && version.variants.length > 0) {
			const total = version.variants.reduce(
				(sum, variant) =>
					sum + (variant.__type === 'ABTestVariant' ? variant.trafficDistribution : 0),
				0,
			);
			if (Math.abs(total - 100) > 1e-6)
				context.addIssue({
					code: 'custom',
					path: ['variantTraffic'],
					message: `must add up to 100 (they add up to ${Number(total.toFixed(4))})`,
				});
		}
		if (version.status === 'ACTIVE' && abTest && version.variants.length < 2)
			context.addIssue({
				code: 'custom',
				path: ['variants'],
				message: 'an A/B test needs at least 2 variants to be active',
			});
		if (version.status === 'ACTIVE' && version.variants.length === 0)
			context.addIssue({
				code: 'custom',
				path: ['variants'],
				message: 'an active version needs at least one variant',
			});
	});

export type VersionBody = z.infer<typeof versionSchema>;

// ---------------------------------------------------------------------------------------------
// Priority, projects, edge

export const priorityOrderSchema = z.object({
	priorityOrder: z
		.array(objectId('an experience UID'), {
			invalid_type_error: 'must be a list of experience UIDs',
		})
		.min(1, 'needs at least one experience')
		.superRefine((uids, context) => {
			const seen = new Set<string>();
			uids.forEach((uid, index) => {
				if (seen.has(uid.toLowerCase()))
					context.addIssue({ code: 'custom', path: [index], message: `lists ${uid} twice` });
				seen.add(uid.toLowerCase());
			});
		}),
});

export const projectSchema = z
	.object({
		name: requiredText,
		description: optionalText,
		connectedStackApiKey: z.string().trim().min(1).optional(),
	})
	.strict();

export const edgeEventSchema = z.discriminatedUnion(
	'type',
	[
		z.object({
			type: z.literal('IMPRESSION'),
			experienceShortUid: requiredText,
			variantShortUid: requiredText,
		}),
		z.object({ type: z.literal('EVENT'), eventKey: requiredText }),
	],
	{
		errorMap: (issue, ctx) =>
			issue.code === 'invalid_union_discriminator'
				? { message: 'must be IMPRESSION or EVENT' }
				: { message: ctx.defaultError },
	},
);

export const trackSchema = z.object({
	userUid: visitorUid,
	events: z.array(edgeEventSchema).min(1, 'needs at least one impression or event'),
});

export const attributesSchema = z.object({
	userUid: visitorUid,
	attributes: z
		.record(
			z.union([z.string(), z.number(), z.boolean(), z.null()], {
				errorMap: () => ({ message: 'must be text, a number, true/false or null' }),
			}),
			{
				invalid_type_error: 'must be a JSON object of attribute key → value',
			},
		)
		.refine((value) => Object.keys(value).length > 0, 'needs at least one attribute')
		.refine(
			(value) => !Object.keys(value).some((key) => key.trim() === ''),
			'every attribute needs a key',
		),
});

export const mergeSchema = z
	.object({ sourceUserUid: visitorUid, targetUserUid: visitorUid })
	.refine((value) => value.sourceUserUid !== value.targetUserUid, {
		path: ['targetUserUid'],
		message: 'must differ from the Source User UID',
	});
