import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { profileCreateSchema } from '../../schemas';
import { createAt } from '../shared/crud';
import { PATH } from './fields';

const show = { resource: ['profile'], operation: ['create'] };
const FIELDS = { email: 'email', mobilePhoneNumber: 'mobile_phone_number', fullName: 'full_name' };

export const description: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		displayOptions: { show },
		description: 'Email or Mobile Phone Number is required',
	},
	{
		displayName: 'Mobile Phone Number',
		name: 'mobilePhoneNumber',
		type: 'string',
		default: '',
		placeholder: '+4915123456789',
		displayOptions: { show },
		description: 'In E.164 format (+ and country code). Ocamba derives the profile\'s country from it.',
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
	return await createAt(this, itemIndex, PATH, profileCreateSchema, body);
}
