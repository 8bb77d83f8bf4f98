import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asNodeError, hasErrorCode } from '../../../common/errors';
import { invalidInput } from '../../../common/validation';
import { managementRequest } from '../../transport';
import { maybeSimplify, simplifyField } from '../../../common/list';
import { defaultByVersion } from '../shared/nodeVersion';
import {
	draftOf,
	experienceField,
	readVersionFor,
	readExperience,
	versionsPath,
	withVersionRules,
} from './versions';

const DRAFT_EXISTS = 'CANNOT_CREATE_VERSION_AS_DRAFT_ALREADY_EXISTS';

const ifDraftExists: INodeProperties = {
	displayName: 'If a Draft Exists',
	name: 'ifDraftExists',
	type: 'options',
	displayOptions: { show: { resource: ['experienceVersion'], operation: ['create'] } },
	options: [
		{
			name: 'Fail',
			value: 'fail',
			description: 'Stop with an error; the draft stays as it is',
		},
		{
			name: 'Update It',
			value: 'update',
			description:
				'Replace the draft with this version, e.g. the empty draft a new experience starts with',
		},
	],
	default: 'fail',
	description: 'An experience has at most one draft version',
};

/** Version 1 nodes fail as before; newer ones update the draft, the step a new experience needs. */
/** What Simplify keeps of a version: who changed it and when are left out, but the last change. */
const SIMPLIFIED = [
	'uid',
	'experienceUid',
	'status',
	'variantSplit',
	'variants',
	'metrics',
	'targeting',
	'updatedAt',
];

/**
 * Version 1 nodes fail on a draft and give the full answer, as before; newer ones update the
 * draft (the step a new experience needs) and simplify.
 */
export const description = [
	experienceField('create'),
	...defaultByVersion(ifDraftExists, 'fail', 'update'),
	...defaultByVersion(
		simplifyField(
			{ resource: ['experienceVersion'], operation: ['create'] },
			'version',
			SIMPLIFIED,
		),
		false,
		true,
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const experienceUid = readExperience(this, itemIndex);
	const onDraft = this.getNodeParameter('ifDraftExists', itemIndex, 'fail');
	if (onDraft !== 'fail' && onDraft !== 'update')
		throw invalidInput(
			this.getNode(),
			'If a Draft Exists',
			itemIndex,
			`must be Fail or Update It (got ${JSON.stringify(onDraft)})`,
		);
	const body = await readVersionFor(this, experienceUid, itemIndex);
	const send = async (method: 'POST' | 'PUT', path: string) =>
		await withVersionRules(
			this,
			async () => await managementRequest<IDataObject>(this, { method, path, body, itemIndex }),
		);
	let answer: IDataObject;
	try {
		answer = await send('POST', versionsPath(experienceUid));
	} catch (error) {
		// Only a draft conflicts with a draft; the one there is then replaced, as asked.
		if (onDraft !== 'update' || !hasErrorCode(error, DRAFT_EXISTS))
			throw asNodeError(this.getNode(), error);
		const draft = await draftOf(this, experienceUid, itemIndex);
		answer = await send('PUT', `${versionsPath(experienceUid)}/${String(draft.uid)}`);
	}
	return maybeSimplify(this, itemIndex, SIMPLIFIED, [answer])[0];
}
