import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateInput } from '../../../common/validation';
import { LABELS, resumeSchema } from '../../schemas';
import { actionAt } from '../shared/crud';
import { CAMPAIGN, idLocator, readLocatorId } from '../shared/ids';
import { toHoodTime } from '../shared/time';
import { PATH } from './fields';

const show = { resource: ['campaign'], operation: ['resume'] };

export const description: INodeProperties[] = [
	idLocator(CAMPAIGN, 'campaign', ['resume']),
	{
		displayName: 'Resume',
		name: 'resumeMode',
		type: 'options',
		options: [
			{ name: 'At a Set Time', value: 'scheduled', description: 'Continue at the Scheduled Time' },
			{ name: 'Now', value: 'now', description: 'Continue sending at once' },
		],
		default: 'now',
		displayOptions: { show },
	},
	{
		displayName: 'Scheduled Time',
		name: 'scheduledTime',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { ...show, resumeMode: ['scheduled'] } },
		description: "When to continue, in the workflow's time zone",
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const id = readLocatorId(this, itemIndex, CAMPAIGN);
	const mode = this.getNodeParameter('resumeMode', itemIndex, 'now') as string;
	const body: IDataObject =
		mode === 'scheduled'
			? {
					scheduled_time: toHoodTime(
						node,
						this.getNodeParameter('scheduledTime', itemIndex, ''),
						this.getTimezone(),
						'Scheduled Time',
						itemIndex,
					),
				}
			: { run_immediately: true };
	const checked = validateInput(node, resumeSchema, body, itemIndex, LABELS) as IDataObject;
	await actionAt(this, itemIndex, `${PATH}/${id}/resume`, checked, false);
	return { success: true, id, status: mode === 'scheduled' ? 'scheduled' : 'running', ...checked };
}
