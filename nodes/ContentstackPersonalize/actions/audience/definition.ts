import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { entryLabel, invalidInput, parseJsonParameter } from '../../../common/validation';
import { NUMBER_CONDITIONS, STRING_CONDITIONS, VALUELESS_CONDITIONS } from '../../schemas';

/**
 * An audience definition, built from rules in the UI or given as JSON. The builder covers one
 * AND/OR group of rules on preset or custom attributes, query parameters and a date/time range;
 * JSON covers the rest of the grammar (nested groups, Lytics), validated the same way.
 */
const show = (operations: string[], input: string) => ({
	resource: ['audience'],
	operation: operations,
	definitionInput: [input],
});

/**
 * Presets of the builder. Query Parameters become a JSON_MATCH rule on one parameter, Date and Time
 * a BETWEEN_TIME rule (the docs' examples "Match Query Parameters" and "Match Date and Time").
 */
const BUILDER_PRESETS = [
	{ name: 'City', value: 'CITY' },
	{
		name: 'Country',
		value: 'COUNTRY',
		description: 'An ISO country code such as DE (see Geolocation → Get Countries)',
	},
	{
		name: 'Date and Time',
		value: 'DATE_AND_TIME',
		description: 'When the visit happens: use the condition Between Times',
	},
	{ name: 'Device Type', value: 'DEVICE_TYPE' },
	{ name: 'Operating System', value: 'OPERATING_SYSTEM' },
	{
		name: 'Query Parameters',
		value: 'QUERY_PARAMETERS',
		description: 'A parameter of the page URL, e.g. utm_campaign',
	},
	{ name: 'Referrer', value: 'REFERRER' },
	{ name: 'Region', value: 'REGION' },
];

const CONDITIONS = [
	{
		name: 'Between Times',
		value: 'BETWEEN_TIME',
		description: 'Date and Time only: from Start Time to End Time',
	},
	{
		name: 'Contains',
		value: 'CONTAINS_SUBSTRING',
		description: 'The text includes the value, e.g. "summer" matches summer-sale',
	},
	{ name: 'Equals', value: 'STRING_EQUALS' },
	{ name: 'Has Any Value', value: 'HAS_ANY_VALUE' },
	{ name: 'Is False', value: 'IS_FALSE' },
	{ name: 'Is True', value: 'IS_TRUE' },
	{ name: 'Number Equal To', value: 'NUMBER_EQUAL_TO' },
	{ name: 'Number Greater Than', value: 'NUMBER_GREATER_THAN' },
	{ name: 'Number Less Than', value: 'NUMBER_LESS_THAN' },
];

/** The shape of the docs' "Match Query Parameters" example: JSONMatchOptions around the compared value. */
export const DEFINITION_EXAMPLE = JSON.stringify(
	{
		__type: 'RuleCombination',
		combinationType: 'AND',
		rules: [
			{
				__type: 'Rule',
				attribute: { __type: 'PresetAttributeReference', ref: 'QUERY_PARAMETERS' },
				attributeMatchCondition: 'JSON_MATCH',
				attributeMatchOptions: {
					__type: 'JSONMatchOptions',
					pointer: '/utm_campaign',
					matchCondition: 'STRING_EQUALS',
					matchOptions: { __type: 'StringMatchOptions', value: 'summer' },
					invertCondition: false,
				},
				invertCondition: false,
			},
		],
	},
	null,
	2,
);

const INPUT_OPTIONS = [
	{ name: 'Using the Rule Builder', value: 'builder' },
	{
		name: 'Using JSON',
		value: 'json',
		description:
			"The definition in the API's format: nested groups, JSON_MATCH, time conditions, Lytics",
	},
];

export function definitionFields(operations: string[], withKeep: boolean): INodeProperties[] {
	const input: INodeProperties = {
		displayName: 'Define Rules',
		name: 'definitionInput',
		type: 'options',
		displayOptions: { show: { resource: ['audience'], operation: operations } },
		options: INPUT_OPTIONS,
		default: 'builder',
	};
	return [
		withKeep
			? {
					...input,
					options: [{ name: 'Keep the Current Rules', value: 'keep' }, ...INPUT_OPTIONS],
					default: 'keep',
				}
			: input,
		{
			displayName: 'Combine Rules With',
			name: 'combinationType',
			type: 'options',
			displayOptions: { show: show(operations, 'builder') },
			options: [
				{ name: 'AND (All Must Match)', value: 'AND' },
				{ name: 'OR (Any Must Match)', value: 'OR' },
			],
			default: 'AND',
		},
		{
			displayName: 'Rules',
			name: 'rules',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			displayOptions: { show: show(operations, 'builder') },
			default: {},
			placeholder: 'Add Rule',
			options: [
				{
					displayName: 'Rule',
					name: 'rule',
					values: [
						{
							displayName: 'Attribute Category',
							name: 'attributeType',
							type: 'options',
							options: [
								{
									name: 'Custom',
									value: 'custom',
									description: 'An attribute of the project, set through the SDKs or the Edge API',
								},
								{
									name: 'Preset',
									value: 'preset',
									description: 'Built in: location, device, referrer',
								},
							],
							default: 'preset',
						},
						{
							displayName: 'Attribute Name',
							name: 'presetAttribute',
							type: 'options',
							options: BUILDER_PRESETS,
							displayOptions: { show: { attributeType: ['preset'] } },
							default: 'COUNTRY',
						},
						{
							displayName: 'Attribute Name or ID',
							name: 'customAttribute',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getCustomAttributes' },
							displayOptions: { show: { attributeType: ['custom'] } },
							default: '',
							description:
								'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						},
						{
							displayName: 'Attribute URL Parameter',
							name: 'queryParameter',
							type: 'string',
							displayOptions: {
								show: { attributeType: ['preset'], presetAttribute: ['QUERY_PARAMETERS'] },
							},
							default: '',
							placeholder: 'e.g. utm_campaign',
							description:
								'The parameter of the page URL whose value the condition compares, e.g. utm_campaign for a visit to /?utm_campaign=summer',
						},
						{
							displayName: 'Condition',
							name: 'condition',
							type: 'options',
							options: CONDITIONS,
							default: 'STRING_EQUALS',
						},
						{
							displayName: 'Condition Inverted (NOT)',
							name: 'invert',
							type: 'boolean',
							default: false,
							description: 'Whether the rule matches visitors for whom the condition is false',
						},
						{
							displayName: 'Time From',
							name: 'startTime',
							type: 'string',
							displayOptions: { show: { condition: ['BETWEEN_TIME'] } },
							default: '',
							placeholder: 'e.g. 2024-11-29T00:00:00',
							description: 'A local date and time, without time zone',
						},
						{
							displayName: 'Time To',
							name: 'endTime',
							type: 'string',
							displayOptions: { show: { condition: ['BETWEEN_TIME'] } },
							default: '',
							placeholder: 'e.g. 2024-11-29T23:59:59',
							description: 'A local date and time, without time zone, after the start time',
						},
						{
							displayName: 'Use Visitor Time Zone',
							name: 'useVisitorTimezone',
							type: 'boolean',
							displayOptions: { show: { condition: ['BETWEEN_TIME'] } },
							default: true,
							description:
								"Whether the times are read in the visitor's time zone (otherwise in the project's)",
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							displayOptions: { hide: { condition: [...VALUELESS_CONDITIONS, 'BETWEEN_TIME'] } },
							default: '',
							placeholder: 'e.g. DE',
							description:
								'What the attribute is compared with: a text, or a number for the number conditions (e.g. 3)',
						},
					],
				},
			],
		},
		{
			displayName: 'Definition (JSON)',
			name: 'definitionJson',
			type: 'json',
			displayOptions: { show: show(operations, 'json') },
			default: DEFINITION_EXAMPLE,
			description:
				'A RuleCombination: { "__type": "RuleCombination", "combinationType": "AND" | "OR", "rules": [Rule or RuleCombination, ...] }. Custom attributes are referenced by UID, not key.',
		},
	];
}

interface RuleFields {
	attributeType?: string;
	presetAttribute?: string;
	customAttribute?: string;
	condition?: string;
	value?: string | number;
	invert?: boolean;
	queryParameter?: string;
	startTime?: string;
	endTime?: string;
	useVisitorTimezone?: boolean;
}

/** "18" → 18 for number conditions; anything else stays as typed, so validation names it. */
function asNumber(value: unknown): unknown {
	if (typeof value === 'number') return value;
	const trimmed = String(value ?? '').trim();
	return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : value;
}

/** The options of a text or number condition on a value (undefined for the valueless ones). */
function valueOptions(condition: string, value: unknown): IDataObject | undefined {
	if ((STRING_CONDITIONS as readonly string[]).includes(condition))
		return { __type: 'StringMatchOptions', value: String(value ?? '') };
	if ((NUMBER_CONDITIONS as readonly string[]).includes(condition))
		return { __type: 'NumberMatchOptions', value: asNumber(value) } as IDataObject;
	return undefined;
}

const CATEGORIES = [
	{ name: 'Custom', value: 'custom' },
	{ name: 'Preset', value: 'preset' },
];

/** An option value that arrived through an expression must be one the builder offers. */
function choice(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	allowed: Array<{ name: string; value: string }>,
	label: string,
): string {
	const text = String(value ?? '');
	if (!allowed.some((option) => option.value === text))
		throw invalidInput(
			context.getNode(),
			label,
			itemIndex,
			`must be one of: ${allowed.map((option) => option.name).join(', ')} (got ${JSON.stringify(value)})`,
		);
	return text;
}

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/**
 * The builder's fields checked with the names the editor shows (the schema check that follows
 * speaks the API's format, which is what a JSON definition is written in).
 */
function checkRuleFields(
	context: IExecuteFunctions,
	itemIndex: number,
	rule: RuleFields,
	condition: string,
	custom: boolean,
	label: (field: string) => string,
): void {
	const node = context.getNode();
	const conditionName = `"${CONDITIONS.find((option) => option.value === condition)?.name ?? condition}"`;
	if (custom) {
		const ref = String(rule.customAttribute ?? '').trim();
		if (!ref)
			throw invalidInput(
				node,
				label('Attribute Name or ID'),
				itemIndex,
				'is required: choose an attribute',
			);
		if (!/^[0-9a-fA-F]{24}$/.test(ref))
			throw invalidInput(
				node,
				label('Attribute Name or ID'),
				itemIndex,
				`must be an attribute ID (24 hexadecimal characters, e.g. 65a1b2c3d4e5f60718293a4b), not its key (got ${JSON.stringify(ref)})`,
			);
	}
	if ((NUMBER_CONDITIONS as readonly string[]).includes(condition)) {
		const number = asNumber(rule.value);
		if (typeof number !== 'number' || !Number.isFinite(number))
			throw invalidInput(
				node,
				label('Value'),
				itemIndex,
				`must be a number for ${conditionName}, e.g. 3 (got ${JSON.stringify(rule.value ?? '')})`,
			);
	}
	if (
		(STRING_CONDITIONS as readonly string[]).includes(condition) &&
		String(rule.value ?? '') === ''
	)
		throw invalidInput(node, label('Value'), itemIndex, `is required for ${conditionName}`);
	if (condition === 'BETWEEN_TIME') {
		const times: Array<[string, unknown]> = [
			['Time From', rule.startTime],
			['Time To', rule.endTime],
		];
		for (const [field, value] of times)
			if (!LOCAL_TIME.test(String(value ?? '').trim()))
				throw invalidInput(
					node,
					label(field),
					itemIndex,
					`must be a local date and time such as 2024-11-29T00:00:00, without time zone (got ${JSON.stringify(value ?? '')})`,
				);
		if (String(rule.startTime).trim() >= String(rule.endTime).trim())
			throw invalidInput(node, label('Time To'), itemIndex, 'must be after Time From');
	}
}

function ruleFromFields(
	context: IExecuteFunctions,
	itemIndex: number,
	rule: RuleFields,
	position: number,
): IDataObject {
	const label = (field: string) => `Rules › ${entryLabel('Rule', position)} › ${field}`;
	const custom =
		choice(
			context,
			itemIndex,
			rule.attributeType ?? 'preset',
			CATEGORIES,
			label('Attribute Category'),
		) === 'custom';
	const condition = choice(context, itemIndex, rule.condition, CONDITIONS, label('Condition'));
	const preset = custom
		? undefined
		: choice(context, itemIndex, rule.presetAttribute, BUILDER_PRESETS, label('Attribute Name'));
	// BETWEEN_TIME is documented on the Date and Time preset only, and that preset only with it.
	if ((condition === 'BETWEEN_TIME') !== (preset === 'DATE_AND_TIME'))
		throw invalidInput(
			context.getNode(),
			label('Condition'),
			itemIndex,
			condition === 'BETWEEN_TIME'
				? 'Between Times works on the attribute Date and Time only'
				: 'the attribute Date and Time takes the condition Between Times',
		);
	checkRuleFields(context, itemIndex, rule, condition, custom, label);
	const body: IDataObject = {
		__type: 'Rule',
		attribute: {
			__type: custom ? 'CustomAttributeReference' : 'PresetAttributeReference',
			ref: String((custom ? rule.customAttribute : preset) ?? '').trim(),
		},
		attributeMatchCondition: condition,
		invertCondition: rule.invert === true,
	};
	if (preset === 'QUERY_PARAMETERS') {
		const parameter = String(rule.queryParameter ?? '')
			.trim()
			.replace(/^\//, '');
		if (!parameter)
			throw invalidInput(
				context.getNode(),
				label('Attribute URL Parameter'),
				itemIndex,
				'is required',
			);
		// JSON pointer escaping (RFC 6901): ~ and / inside a name.
		const options: IDataObject = {
			__type: 'JSONMatchOptions',
			pointer: `/${parameter.replace(/~/g, '~0').replace(/\//g, '~1')}`,
			matchCondition: condition,
			invertCondition: false,
		};
		const inner = valueOptions(condition, rule.value);
		if (inner) options.matchOptions = inner;
		body.attributeMatchCondition = 'JSON_MATCH';
		body.attributeMatchOptions = options;
		return body;
	}
	if (condition === 'BETWEEN_TIME') {
		body.attributeMatchOptions = {
			__type: 'DateTimeMatchOptions',
			startTime: String(rule.startTime ?? '').trim(),
			endTime: String(rule.endTime ?? '').trim(),
			useVisitorTimezone: rule.useVisitorTimezone !== false,
		};
		return body;
	}
	const options = valueOptions(condition, rule.value);
	if (options) body.attributeMatchOptions = options;
	return body;
}

/** The definition an item's parameters describe, or undefined to keep the stored one (update). */
export function readDefinition(context: IExecuteFunctions, itemIndex: number): unknown {
	const input = context.getNodeParameter('definitionInput', itemIndex, 'builder') as string;
	if (input === 'keep') return undefined;
	if (input === 'json')
		return parseJsonParameter(
			context.getNode(),
			context.getNodeParameter('definitionJson', itemIndex, ''),
			'Definition (JSON)',
			itemIndex,
		);
	const rules = (context.getNodeParameter('rules.rule', itemIndex, []) as RuleFields[]) ?? [];
	return {
		__type: 'RuleCombination',
		combinationType: context.getNodeParameter('combinationType', itemIndex, 'AND'),
		rules: rules.map((rule, position) => ruleFromFields(context, itemIndex, rule, position)),
	};
}
