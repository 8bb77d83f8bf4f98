import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput, refuseUnsafeKeys, toList } from '../../../common/validation';
import { ID_PATTERN } from '../../schemas';
import { customPropertyKey } from '../profile/fields';

/**
 * A builder for the common segment targeting rules; the JSON parameter stays for the rest. Each
 * rule becomes one key of Ocamba's targeting object: `{op, items}` for lists of values (op `eq`:
 * is one of, `neq`: is none of, as Ocamba's examples write them), `custom_properties` as
 * `{label: {op, items}}`, `profile_age` as `{from, to}`. `profile_lists` is not among the keys
 * Ocamba's segment page lists (the sandbox reads it as a list's users); the others are.
 */
const TARGETS = [
	['App', 'apps', 'App IDs, e.g. 811353353'],
	['Browser', 'browsers', "Ocamba's browser IDs, e.g. 10"],
	['Country', 'countries', 'Two-letter country codes, e.g. DE, AT'],
	[
		'Custom Property',
		'custom_properties',
		'Values of the chosen custom property, e.g. gold, silver',
	],
	['Language', 'languages', 'Two-letter language codes, e.g. de, en'],
	['Operating System', 'os', "Ocamba's operating system IDs, e.g. 17"],
	['Profile', 'profiles', 'Profile IDs, e.g. 17430755068336100382'],
	['Profile Age', 'profile_age', 'How long profiles have existed: a From and To range'],
	['Profile List', 'profile_lists', 'Members of the chosen profile lists'],
	['Region', 'regions', "Ocamba's region IDs, e.g. 2661876"],
	[
		'Remote ID',
		'remote_ids',
		'IDs from your own system, e.g. 795269c1-3d0d-49bf-b421-1ac0d8a7899d',
	],
] as const;
const VALUE_TARGETS: string[] = TARGETS.map(([, value]) => value).filter(
	(value) => !['profile_age', 'profile_lists'].includes(value),
);
const TARGET_NAMES: Record<string, string> = Object.fromEntries(
	TARGETS.map(([name, value]) => [value, name]),
);

const rule = (show: Record<string, string[]>) => ({ show });

export const targetingRulesField: INodeProperties = {
	displayName: 'Targeting Rules',
	name: 'targetingRules',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Rule',
	default: {},
	description:
		'Who belongs to the segment: every rule must match. For targeting the rules here do not cover, choose Using JSON.',
	options: [
		{
			displayName: 'Rule',
			name: 'rule',
			// Labels chosen so the alphabetical order n8n's lint wants reads as a sentence:
			// Attribute, (Custom Property), Match, the values.
			values: [
				{
					displayName: 'Attribute',
					name: 'target',
					type: 'options',
					options: TARGETS.map(([name, value, description]) => ({ name, value, description })),
					default: 'countries',
				},
				{
					...customPropertyKey,
					displayName: 'Custom Property Name or ID',
					required: true,
					displayOptions: rule({ target: ['custom_properties'] }),
				},
				{
					displayName: 'Match',
					name: 'operator',
					type: 'options',
					options: [
						{ name: 'Is None Of', value: 'neq' },
						{ name: 'Is One Of', value: 'eq' },
					],
					default: 'eq',
					displayOptions: rule({ target: [...VALUE_TARGETS, 'profile_lists'] }),
				},
				{
					displayName: 'Profile Age From',
					name: 'from',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description: 'The lowest profile age to include',
					displayOptions: rule({ target: ['profile_age'] }),
				},
				{
					displayName: 'Profile Age To',
					name: 'to',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 100,
					description: 'The highest profile age to include',
					displayOptions: rule({ target: ['profile_age'] }),
				},
				{
					displayName: 'Profile List Names or IDs',
					name: 'lists',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getProfileLists' },
					default: [],
					description:
						'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					displayOptions: rule({ target: ['profile_lists'] }),
				},
				{
					displayName: 'Values',
					name: 'values',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'e.g. DE, AT',
					description: 'Comma-separated values, e.g. DE, AT for countries',
					displayOptions: rule({ target: VALUE_TARGETS }),
				},
			],
		},
	],
};

/** The Targeting Rules of an item as Ocamba's targeting object, each rule checked first. */
export function readTargetingRules(
	context: IExecuteFunctions,
	itemIndex: number,
	rules: IDataObject[],
	label = 'Targeting Rules',
): IDataObject {
	const node = context.getNode();
	const targeting: IDataObject = {};
	rules.forEach((entry, index) => {
		const at = `${label} › Rule ${index + 1}`;
		const target = String(entry.target ?? 'countries');
		const name = TARGET_NAMES[target];
		if (!name)
			throw invalidInput(
				node,
				`${at} › Attribute`,
				itemIndex,
				`must be one of: ${Object.values(TARGET_NAMES).join(', ')}`,
			);
		const operator = String(entry.operator ?? 'eq');
		if (!['eq', 'neq'].includes(operator))
			throw invalidInput(
				node,
				`${at} › Match`,
				itemIndex,
				'must be Is One Of (eq) or Is None Of (neq)',
			);
		const twice = () =>
			invalidInput(
				node,
				`${at} › Attribute`,
				itemIndex,
				`"${name}" is already targeted by an earlier rule; put all its values in one rule`,
			);
		if (target === 'profile_age') {
			if (targeting.profile_age) throw twice();
			const bound = (key: 'from' | 'to', shown: string) => {
				const value = Number(entry[key]);
				if (entry[key] === '' || !Number.isInteger(value) || value < 0)
					throw invalidInput(
						node,
						`${at} › ${shown}`,
						itemIndex,
						'must be a whole number, 0 or more',
					);
				return value;
			};
			const from = bound('from', 'Profile Age From');
			const to = bound('to', 'Profile Age To');
			if (to < from)
				throw invalidInput(
					node,
					`${at} › Profile Age To`,
					itemIndex,
					'must not be below Profile Age From',
				);
			targeting.profile_age = { from, to };
			return;
		}
		if (target === 'profile_lists') {
			if (targeting.profile_lists) throw twice();
			const lists = toList(entry.lists);
			if (!lists.length)
				throw invalidInput(
					node,
					`${at} › Profile List Names or IDs`,
					itemIndex,
					'choose at least one list',
				);
			for (const id of lists)
				if (!ID_PATTERN.test(id))
					throw invalidInput(
						node,
						`${at} › Profile List Names or IDs`,
						itemIndex,
						`"${id}" is not a profile list ID (digits only, such as 1000105)`,
					);
			targeting.profile_lists = { op: operator, items: lists };
			return;
		}
		const items = toList(entry.values);
		if (!items.length)
			throw invalidInput(
				node,
				`${at} › Values`,
				itemIndex,
				'is required, e.g. DE, AT for countries',
			);
		if (target === 'custom_properties') {
			const key = String(entry.key ?? '').trim();
			if (!key)
				throw invalidInput(node, `${at} › Custom Property Name or ID`, itemIndex, 'is required');
			// A computed key makes an own property even for "__proto__", so the shared check sees it.
			refuseUnsafeKeys(node, { [key]: null }, `${at} › Custom Property Name or ID`, itemIndex);
			const properties = (targeting.custom_properties ?? {}) as IDataObject;
			if (Object.prototype.hasOwnProperty.call(properties, key))
				throw invalidInput(
					node,
					`${at} › Custom Property Name or ID`,
					itemIndex,
					`"${key}" is already targeted by an earlier rule; put all its values in one rule`,
				);
			properties[key] = { op: operator, items };
			targeting.custom_properties = properties;
			return;
		}
		if (targeting[target]) throw twice();
		targeting[target] = { op: operator, items };
	});
	return targeting;
}
