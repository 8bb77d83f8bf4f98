import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseJsonParameter } from '../../../common/validation';
import { NUMBER_CONDITIONS, STRING_CONDITIONS, VALUELESS_CONDITIONS } from '../../schemas';

/**
 * An audience definition, built from rules in the UI or given as JSON. The builder covers one
 * AND/OR group of rules on preset or custom attributes; JSON covers the rest of the grammar
 * (nested groups, JSON_MATCH on query parameters, time ranges, Lytics), validated the same way.
 */
const show = (operations: string[], input: string) => ({ resource: ['audience'], operation: operations, definitionInput: [input] });

/** Presets a rule compares with a text; QUERY_PARAMETERS (JSON_MATCH) and DATE_AND_TIME need JSON. */
const BUILDER_PRESETS = [
	{ name: 'City', value: 'CITY' },
	{ name: 'Country', value: 'COUNTRY', description: 'An ISO country code such as DE (see Geolocation → Get Countries)' },
	{ name: 'Device Type', value: 'DEVICE_TYPE' },
	{ name: 'Operating System', value: 'OPERATING_SYSTEM' },
	{ name: 'Referrer', value: 'REFERRER' },
	{ name: 'Region', value: 'REGION' },
];

const CONDITIONS = [
	{ name: 'Contains', value: 'CONTAINS_SUBSTRING', description: 'Sent with StringMatchOptions, which the docs do not confirm for this condition; use JSON if the API refuses it' },
	{ name: 'Equals', value: 'STRING_EQUALS' },
	{ name: 'Has Any Value', value: 'HAS_ANY_VALUE' },
	{ name: 'Is False', value: 'IS_FALSE' },
	{ name: 'Is True', value: 'IS_TRUE' },
	{ name: 'Number Equal To', value: 'NUMBER_EQUAL_TO' },
	{ name: 'Number Greater Than', value: 'NUMBER_GREATER_THAN' },
	{ name: 'Number Less Than', value: 'NUMBER_LESS_THAN' },
];

export const DEFINITION_EXAMPLE = JSON.stringify(
	{
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
	},
	null,
	2,
);

const INPUT_OPTIONS = [
	{ name: 'Using the Rule Builder', value: 'builder' },
	{
		name: 'Using JSON',
		value: 'json',
		description: 'The definition in the API\'s format: nested groups, JSON_MATCH, time conditions, Lytics',
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
		withKeep ? { ...input, options: [{ name: 'Keep the Current Rules', value: 'keep' }, ...INPUT_OPTIONS], default: 'keep' } : input,
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
							displayName: 'Attribute Type',
							name: 'attributeType',
							type: 'options',
							options: [
								{ name: 'Custom', value: 'custom', description: 'An attribute of the project, set through the SDKs or the Edge API' },
								{ name: 'Preset', value: 'preset', description: 'Built in: location, device, referrer' },
							],
							default: 'preset',
						},
						{
							displayName: 'Custom Attribute Name or ID',
							name: 'customAttribute',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getCustomAttributes' },
							displayOptions: { show: { attributeType: ['custom'] } },
							default: '',
							description:
								'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						},
						{
							displayName: 'Invert (NOT)',
							name: 'invert',
							type: 'boolean',
							default: false,
							description: 'Whether the rule matches visitors for whom the condition is false',
						},
						{
							displayName: 'Match Condition',
							name: 'condition',
							type: 'options',
							options: CONDITIONS,
							default: 'STRING_EQUALS',
						},
						{
							displayName: 'Preset Attribute',
							name: 'presetAttribute',
							type: 'options',
							options: BUILDER_PRESETS,
							displayOptions: { show: { attributeType: ['preset'] } },
							default: 'COUNTRY',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							displayOptions: { hide: { condition: [...VALUELESS_CONDITIONS] } },
							default: '',
							description: 'The text, or the number for the number conditions, the attribute is compared with',
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
}

/** "18" → 18 for number conditions; anything else stays as typed, so validation names it. */
function asNumber(value: unknown): unknown {
	if (typeof value === 'number') return value;
	const trimmed = String(value ?? '').trim();
	return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : value;
}

function ruleFromFields(rule: RuleFields): IDataObject {
	const condition = String(rule.condition ?? '');
	const custom = rule.attributeType === 'custom';
	const body: IDataObject = {
		__type: 'Rule',
		attribute: {
			__type: custom ? 'CustomAttributeReference' : 'PresetAttributeReference',
			ref: String((custom ? rule.customAttribute : rule.presetAttribute) ?? '').trim(),
		},
		attributeMatchCondition: condition,
		invertCondition: rule.invert === true,
	};
	if ((STRING_CONDITIONS as readonly string[]).includes(condition))
		body.attributeMatchOptions = { __type: 'StringMatchOptions', value: String(rule.value ?? '') };
	else if ((NUMBER_CONDITIONS as readonly string[]).includes(condition))
		body.attributeMatchOptions = { __type: 'NumberMatchOptions', value: asNumber(rule.value) } as IDataObject;
	return body;
}

/** The definition an item's parameters describe, or undefined to keep the stored one (update). */
export function readDefinition(context: IExecuteFunctions, itemIndex: number): unknown {
	const input = context.getNodeParameter('definitionInput', itemIndex, 'builder') as string;
	if (input === 'keep') return undefined;
	if (input === 'json')
		return parseJsonParameter(context.getNode(), context.getNodeParameter('definitionJson', itemIndex, ''), 'Definition (JSON)', itemIndex);
	const rules = (context.getNodeParameter('rules.rule', itemIndex, []) as RuleFields[]) ?? [];
	return {
		__type: 'RuleCombination',
		combinationType: context.getNodeParameter('combinationType', itemIndex, 'AND'),
		rules: rules.map(ruleFromFields),
	};
}
