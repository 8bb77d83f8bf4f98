import type { INodeProperties } from 'n8n-workflow';

/** The visitor's UID as the Edge API knows it (the x-cs-personalize-user-uid header). */
export function userUidField(
	operations: string[],
	required: boolean,
	description: string,
): INodeProperties {
	return {
		displayName: 'User UID',
		name: 'userUid',
		type: 'string',
		default: '',
		required,
		placeholder: 'e.g. 3c2f0f46-8e52-4e7e-9d4a-6a2b1f0c9d11',
		displayOptions: { show: { resource: ['visitor'], operation: operations } },
		description,
	};
}
