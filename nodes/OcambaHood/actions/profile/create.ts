import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateInput } from '../../../common/validation';
import { LABELS, profileCreateSchema } from '../../schemas';
import { hoodRequest } from '../../transport';
import { PATH } from './fields';

const show = { resource: ['profile'], operation: ['create'] };
const FIELDS = { email: 'email', mobilePhoneNumber: 'mobile_phone_number', fullName: 'full_name' };

export const description: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. name@email.com',
		default: '',
		displayOptions: { show },
		description: 'Email or Mobile Phone Number is required',
	},
	{
		displayName: 'Mobile Phone Number',
		name: 'mobilePhoneNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. +4915123456789',
		displayOptions: { show },
		description:
			"In E.164 format (+ and country code). Ocamba derives the profile's country from it.",
	},
	{
		displayName: 'Full Name',
		name: 'fullName',
		type: 'string',
		default: '',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body: IDataObject = {};
	for (const [name, field] of Object.entries(FIELDS)) {
		const value = this.getNodeParameter(name, itemIndex, '');
		if (value !== '' && value !== null && value !== undefined) body[field] = value;
	}
	const checked = validateInput(
		this.getNode(),
		profileCreateSchema,
		body,
		itemIndex,
		LABELS,
	) as IDataObject;
	// The API reference answers 201 with the whole profile, its ID a 19–20 digit JSON string (kept
	// exact: it is never a number here); an older page shows 201 without a body.
	const created = await hoodRequest<IDataObject | string | undefined>(this, {
		method: 'POST',
		path: PATH,
		body: checked,
		itemIndex,
	});
	if (created && typeof created === 'object' && Object.keys(created).length > 0) {
		// Were the ID ever sent as a JSON number, parsing would already have rounded it: a rounded ID
		// names another profile, so it is not passed on.
		if (typeof created.id === 'number' && !Number.isSafeInteger(created.id))
			return {
				...created,
				id: null,
				idPrecisionLost: true,
				note: "Ocamba Hood sent the new profile's ID as a number too large to keep exactly (the docs show it as text); look the profile up by its email or phone number.",
			};
		return created;
	}
	return {
		...checked,
		success: true,
		noResponseBody: true,
		note: "Ocamba Hood answered without a body, so the new profile's ID is not known; these are the fields that were sent.",
	};
}
