import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { parseJsonParameter, toList, validateInput } from '../../../common/validation';
import { LABELS, visitorUid } from '../../schemas';
import { personalizeRequest } from '../../transport';
import { collectionOf, showFor, textField } from '../shared/describe';
import { userUidField } from './fields';

const show = showFor('visitor', 'getManifest');

export const description: INodeProperties[] = [
	userUidField(['getManifest'], false, 'Leave empty to start a new visitor: the Edge API creates a UID, returned as userUid'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		displayOptions: { show },
		default: {},
		options: [
			textField('ipAddress', 'IP Address', 'The visitor\'s IP, for location rules (sent as x-forwarded-for)'),
			{
				displayName: 'Live Attributes (JSON)',
				name: 'liveAttributes',
				type: 'json',
				default: '{}',
				description: 'Attribute key → value used for this request only, not stored (x-live-attributes)',
			},
			textField('pageUrl', 'Page URL', 'The page the visitor is on, for query-parameter rules (x-page-url)'),
			textField('referer', 'Referrer', 'The page the visitor came from'),
			textField('tags', 'Tags', 'Comma-separated: only experiences with these tags'),
			textField('userAgent', 'User Agent', 'The visitor\'s browser, for device and OS rules'),
		],
	},
];

const schema = z.object({ userUid: visitorUid.optional(), liveAttributes: z.record(z.unknown(), { invalid_type_error: 'must be a JSON object' }).optional() });

/** GET /manifest (Edge API): the variant of every active experience this visitor gets. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const options = collectionOf(this, 'options', itemIndex);
	const given = String(this.getNodeParameter('userUid', itemIndex, '') ?? '').trim();
	const live = parseJsonParameter(node, options.liveAttributes, 'Live Attributes (JSON)', itemIndex);
	const checked = validateInput(
		node,
		schema,
		{ userUid: given || undefined, liveAttributes: live && Object.keys(live as IDataObject).length ? live : undefined },
		itemIndex,
		{ ...LABELS, liveAttributes: 'Live Attributes (JSON)' },
	);
	const headers: IDataObject = {};
	if (checked.userUid) headers['x-cs-personalize-user-uid'] = checked.userUid;
	if (checked.liveAttributes) headers['x-live-attributes'] = JSON.stringify(checked.liveAttributes);
	if (options.pageUrl) headers['x-page-url'] = options.pageUrl;
	if (options.referer) headers.referer = options.referer;
	if (options.ipAddress) headers['x-forwarded-for'] = options.ipAddress;
	if (options.userAgent) headers['user-agent'] = options.userAgent;
	const tags = toList(options.tags);
	const response = await personalizeRequest<IDataObject>(this, {
		method: 'GET',
		path: '/manifest',
		edge: true,
		headers,
		qs: tags.length ? { 'tags[]': tags } : undefined,
		itemIndex,
	});
	const returned = Object.entries(response.headers ?? {}).find(([name]) => name.toLowerCase() === 'x-cs-personalize-user-uid')?.[1];
	return { userUid: checked.userUid ?? (returned === undefined ? undefined : String(returned)), ...(response.body ?? {}) };
}
