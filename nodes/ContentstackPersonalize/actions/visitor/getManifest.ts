import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import {
	headerValue,
	invalidInput,
	parseJsonParameter,
	toList,
	validateInput,
} from '../../../common/validation';
import { LABELS, visitorUid } from '../../schemas';
import { personalizeRequest } from '../../transport';
import { collectionOf, showFor, textField } from '../../../common/descriptions';
import { userUidField } from './fields';
import { readHeader } from '../../../common/values';

const show = showFor('visitor', 'getManifest');

export const description: INodeProperties[] = [
	userUidField(
		['getManifest'],
		false,
		'Leave empty to start a new visitor: the Edge API creates a UID, returned as userUid',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		displayOptions: { show },
		default: {},
		options: [
			textField(
				'ipAddress',
				'IP Address',
				"The visitor's IP, for location rules (sent as x-forwarded-for)",
			),
			{
				displayName: 'Live Attributes (JSON)',
				name: 'liveAttributes',
				type: 'json',
				default: '{}',
				description:
					'Attribute key → value used for this request only, not stored (x-live-attributes)',
			},
			{
				displayName: 'Lytics ID Field',
				name: 'lyticsIdField',
				type: 'string',
				default: '',
				placeholder: '_uid',
				description:
					'With Lytics: the identity field the Lytics ID Value belongs to, e.g. _uid for the seerid cookie. Sent as the Edge SDK sends it; give both or neither.',
				hint: 'Sent as the X-Lytics-Id-Field header',
			},
			{
				displayName: 'Lytics ID Value',
				name: 'lyticsIdValue',
				type: 'string',
				default: '',
				description:
					"With Lytics: the visitor's value of that identity field, e.g. the seerid cookie",
				hint: 'Sent as the X-Lytics-Id-Value header',
			},
			textField(
				'pageUrl',
				'Page URL',
				'The page the visitor is on, for query-parameter rules (x-page-url)',
			),
			textField('referer', 'Referrer', 'The page the visitor came from'),
			textField(
				'tags',
				'Tags',
				'Comma-separated, at most 10: only experiences with at least one of these tags',
			),
			textField('userAgent', 'User Agent', "The visitor's browser, for device and OS rules"),
		],
	},
];

/** Options sent as headers: option name, header, the option's name in the editor. */
const HEADER_OPTIONS: Array<[string, string, string]> = [
	['pageUrl', 'x-page-url', 'Page URL'],
	['referer', 'referer', 'Referrer'],
	['ipAddress', 'x-forwarded-for', 'IP Address'],
	['userAgent', 'user-agent', 'User Agent'],
	['lyticsIdField', 'x-lytics-id-field', 'Lytics ID Field'],
	['lyticsIdValue', 'x-lytics-id-value', 'Lytics ID Value'],
];

const schema = z.object({
	userUid: visitorUid.optional(),
	liveAttributes: z.record(z.unknown(), { invalid_type_error: 'must be a JSON object' }).optional(),
});

/** GET /manifest (Edge API): the variant of every active experience this visitor gets. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const options = collectionOf(this, 'options', itemIndex);
	const rawUid = String(this.getNodeParameter('userUid', itemIndex, '') ?? '');
	const live = parseJsonParameter(
		node,
		options.liveAttributes,
		'Live Attributes (JSON)',
		itemIndex,
	);
	const checked = validateInput(
		node,
		schema,
		{
			userUid: rawUid.trim() === '' ? undefined : rawUid,
			liveAttributes: live && Object.keys(live as IDataObject).length ? live : undefined,
		},
		itemIndex,
		{ ...LABELS, liveAttributes: 'Live Attributes (JSON)' },
	);
	const headers: IDataObject = {};
	if (checked.userUid) headers['x-cs-personalize-user-uid'] = checked.userUid;
	if (checked.liveAttributes) headers['x-live-attributes'] = JSON.stringify(checked.liveAttributes);
	// Header values are refused, not cleaned, when they carry a line break: nothing altered is sent.
	for (const [option, header, label] of HEADER_OPTIONS) {
		const value = headerValue(node, options[option] ?? '', label, itemIndex).trim();
		if (value) headers[header] = value;
	}
	if (Boolean(headers['x-lytics-id-field']) !== Boolean(headers['x-lytics-id-value']))
		throw invalidInput(
			node,
			headers['x-lytics-id-field'] ? 'Lytics ID Value' : 'Lytics ID Field',
			itemIndex,
			'is required with the other Lytics ID option (the Edge SDK sends both or neither)',
		);
	const tags = toList(options.tags);
	// The manifest docs: "A maximum of 10 tag values may be provided".
	if (tags.length > 10)
		throw invalidInput(node, 'Tags', itemIndex, `at most 10 tags (got ${tags.length})`);
	const response = await personalizeRequest<IDataObject>(this, {
		method: 'GET',
		path: '/manifest',
		edge: true,
		headers,
		qs: tags.length ? { 'tags[]': tags } : undefined,
		itemIndex,
	});
	const returned = readHeader(response.headers, 'x-cs-personalize-user-uid');
	return {
		userUid: checked.userUid ?? returned,
		...(response.body ?? {}),
	};
}
