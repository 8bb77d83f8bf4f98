import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectionOf } from '../../../common/descriptions';
import {
	headerValue,
	invalidInput,
	parseJsonParameter,
	toList,
	validateInput,
} from '../../../common/validation';
import { readHeader } from '../../../common/values';
import { LABELS } from '../../schemas';
import { personalizeRequest } from '../../transport';
import { manifestOptions, userUidField } from './fields';
import { HEADER_OPTIONS, manifestSchema } from './manifest';

export const description: INodeProperties[] = [
	userUidField(
		['getManifest'],
		false,
		'Leave empty to start a new visitor: the Edge API creates a UID, returned as userUid',
	),
	manifestOptions,
];

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
		manifestSchema,
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
